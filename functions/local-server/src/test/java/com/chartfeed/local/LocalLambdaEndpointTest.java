package com.chartfeed.local;

import com.chartfeed.testing.ApiGatewayEvents;
import com.chartfeed.testing.IngestionEvents;
import com.chartfeed.testing.TestServices;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local server's Lambda Invoke API, switched on (with Redis, as the load drivers run it): an
 * SNS event POSTed to the candle-invalidation function is handled by its real handler and answered
 * with its summary; an API Gateway event to the indicator function is answered by its handler; a
 * handler's exception is answered as the Invoke API does; an unknown function is a 404.
 */
@MicronautTest(environments = LocalEnvironment.NAME)
@Property(name = "local.lambda-endpoint.enabled", value = "true")
class LocalLambdaEndpointTest {
    private static final String INVOKE = "/2015-03-31/functions/candle-invalidation/invocations";

    @Inject
    @Client("/")
    HttpClient http;

    @Test
    void anSnsEventIsHandledByTheInvalidationFunction() {
        Map<String, Object> answer = http.toBlocking().retrieve(HttpRequest.POST(INVOKE,
                IngestionEvents.sample(IngestionEvents.SNS)).contentType(MediaType.APPLICATION_JSON),
                Argument.mapOf(String.class, Object.class));
        Map<?, ?> invalidated = (Map<?, ?>) ((List<?>) answer.get("invalidated")).get(0);
        assertEquals(IngestionEvents.SAMPLE_SYMBOL, invalidated.get("symbol"));
        assertEquals(List.of("1h"), invalidated.get("intervals"));

        Map<String, Object> stats = http.toBlocking().retrieve(
                HttpRequest.GET("/2015-03-31/functions/candle-invalidation/cache-stats"),
                Argument.mapOf(String.class, Object.class));
        assertTrue(stats.containsKey("container"), stats.toString());
    }

    /** The handlers make their own contexts, from the environment and system properties. */
    @BeforeAll
    static void withRedis() {
        System.setProperty("redis.uri", TestServices.redisUri());
    }

    @AfterAll
    static void withoutRedis() {
        System.clearProperty("redis.uri");
    }

    /**
     * The handler the endpoint makes lives beside the local server's embedded server, with Redis:
     * nothing there (micronaut-management's health beans were such a thing) may keep it from starting.
     */
    @Test
    void anApiGatewayEventIsAnsweredByTheIndicatorFunction() {
        Map<String, Object> answer = http.toBlocking().retrieve(HttpRequest.POST(
                "/2015-03-31/functions/indicator/invocations", ApiGatewayEvents.json("GET", "/v1/indicators", Map.of(), null))
                .contentType(MediaType.APPLICATION_JSON), Argument.mapOf(String.class, Object.class));
        assertEquals(200, ((Number) answer.get("statusCode")).intValue(), String.valueOf(answer.get("body")));
    }

    @Test
    void aHandlersExceptionIsAFunctionError() {
        HttpResponse<Map> answer = http.toBlocking().exchange(HttpRequest.POST(
                "/2015-03-31/functions/indicator/invocations", "not an API Gateway event")
                .contentType(MediaType.APPLICATION_JSON), Map.class);
        assertEquals(200, answer.getStatus().getCode());
        assertEquals("Unhandled", answer.header("X-Amz-Function-Error"));
        assertFalse(String.valueOf(answer.body().get("errorType")).isEmpty());
    }

    @Test
    void anUnknownFunctionIsNotFound() {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.POST("/2015-03-31/functions/nosuch/invocations", "{}")));
        assertEquals(404, e.getStatus().getCode());
    }
}
