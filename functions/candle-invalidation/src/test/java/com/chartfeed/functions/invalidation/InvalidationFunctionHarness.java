package com.chartfeed.functions.invalidation;

import com.chartfeed.lambda.LocalLambdaContext;
import com.chartfeed.testing.TestServices;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real {@link CandleInvalidationFunction} on its own application context (one container),
 * invoked with raw event JSON on a stream, as the Lambda runtime invokes a stream handler.
 */
final class InvalidationFunctionHarness implements AutoCloseable {
    final ApplicationContext context;
    final CandleInvalidationFunction handler;
    private final JsonMapper json;

    /** A container whose L2 is the Redis at {@code redisUri}, with {@code extra} properties on top. */
    InvalidationFunctionHarness(String redisUri, Map<String, Object> extra) {
        this(Map.of("redis.uri", redisUri), extra);
    }

    /** A container whose L2 is the Redis (or cluster, {@code redis.uris}) {@code redis} names. */
    InvalidationFunctionHarness(Map<String, Object> redis, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(extra);
        properties.putAll(redis);
        properties.putIfAbsent("cache.redis-command-timeout", TestServices.COHERENCE_REDIS_TIMEOUT);
        this.context = TestServices.startOnPostgres(properties);
        this.handler = new CandleInvalidationFunction(context);
        this.json = context.getBean(JsonMapper.class);
    }

    /** The handler's answer as text; its exception, if it throws, reaches the caller as is. */
    String invoke(String event) {
        return invoke(event, 10_000);
    }

    /** The same, in an invocation that has {@code remainingMillis} left before Lambda's timeout. */
    String invoke(String event, int remainingMillis) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output,
                    new LocalLambdaContext("candle-invalidation", remainingMillis));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return output.toString(StandardCharsets.UTF_8);
    }

    Map<String, Object> invokeForMap(String event) {
        return map(invoke(event));
    }

    Map<String, Object> map(String text) {
        try {
            return json.readValue(text, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code itemIdentifier}s of an SQS batch response, in order. */
    List<Object> batchItemFailures(Map<String, Object> answer) {
        return ((List<?>) answer.get("batchItemFailures")).stream()
                .map(failure -> ((Map<?, ?>) failure).get("itemIdentifier"))
                .map(Object.class::cast)
                .toList();
    }

    /** Closing the handler closes its context, as the local invoker relies on. */
    @Override
    public void close() {
        handler.close();
        if (context.isRunning()) {
            throw new IllegalStateException("the handler left its application context running");
        }
    }
}
