package com.chartfeed.functions.invalidation;

import com.chartfeed.cache.CacheStats;
import com.chartfeed.ingestion.InvalidationUnavailableException;
import com.chartfeed.testing.IngestionEvents;
import com.chartfeed.testing.RedisServerProcess;
import com.chartfeed.testing.TestServices;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The function's own Redis (a redis-server process of this test) is killed: SQS records all come
 * back as batch item failures so SQS redelivers them, SNS and EventBridge invocations throw so
 * Lambda retries them, malformed records are still only reported, and the breaker keeps every
 * invocation after the first from waiting for the dead Redis.
 */
class RedisUnavailableTest {
    private RedisServerProcess redis;
    private InvalidationFunctionHarness function;

    @BeforeEach
    void startThenKillRedis() {
        redis = TestServices.startRedisServer();
        function = new InvalidationFunctionHarness(redis.uri(), Map.of("cache.breaker-open-for", "30s",
                "cache.redis-bulk-timeout", "500ms"));
        redis.stop();
    }

    @AfterEach
    void stop() {
        if (function != null) {
            function.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void everyRecordIsRetriedOrReportedAndNothingHangs() {
        String symbol = TestServices.uniqueSymbol("DOWN");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Map<String, Object> sqs = function.invokeForMap(IngestionEvents.sample(IngestionEvents.SQS, symbol));
            assertEquals(sqsMessageIds(), function.batchItemFailures(sqs), "valid and malformed records alike");
        });

        long skipped = counter("l2Skipped");
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            InvalidationUnavailableException sns = assertThrows(InvalidationUnavailableException.class,
                    () -> function.invoke(IngestionEvents.sample(IngestionEvents.SNS, symbol)));
            assertTrue(sns.getMessage().contains("SNS"), sns.getMessage());
            assertThrows(InvalidationUnavailableException.class,
                    () -> function.invoke(IngestionEvents.sample(IngestionEvents.EVENTBRIDGE, symbol)));
        });
        assertTrue(counter("l2Skipped") >= skipped + 2, "the open breaker skipped Redis instead of waiting");
    }

    @Test
    void malformedRecordsAreStillOnlyMalformed() {
        Map<String, Object> sns = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> function.invokeForMap(IngestionEvents.sns(IngestionEvents.object("A*B", "1h"))));
        assertEquals(List.of(), sns.get("failed"));
        assertEquals(List.of(), sns.get("invalidated"));
        assertEquals(1, ((List<?>) sns.get("rejected")).size());

        Map<String, Object> sqs = function.invokeForMap(IngestionEvents.sqs("not JSON", "[]"));
        assertEquals(List.of(IngestionEvents.messageId(0), IngestionEvents.messageId(1)), function.batchItemFailures(sqs));
    }

    private long counter(String name) {
        return function.context.getBean(CacheStats.class).counters().get(name);
    }

    @SuppressWarnings("unchecked")
    private List<Object> sqsMessageIds() throws IOException {
        Map<String, Object> sample = JsonMapper.createDefault().readValue(IngestionEvents.sample(IngestionEvents.SQS),
                Argument.mapOf(String.class, Object.class));
        return ((List<Map<String, Object>>) sample.get("Records")).stream().map(r -> r.get("messageId")).toList();
    }
}
