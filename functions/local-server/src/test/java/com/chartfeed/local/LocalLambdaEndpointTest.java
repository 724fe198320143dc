package com.chartfeed.local;

import com.chartfeed.testing.IngestionEvents;
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
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local server's Lambda Invoke API, switched on: an SNS event POSTed to the candle-invalidation
 * function is handled by its real handler and answered with its summary; a handler's exception is
 * answered as the Invoke API does; an unknown function is a 404.
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
