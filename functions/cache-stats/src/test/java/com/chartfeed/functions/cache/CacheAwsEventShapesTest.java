package com.chartfeed.functions.cache;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.testing.AwsHttpEvents;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cache-stats function on API Gateway events as AWS delivers them (the shared module's
 * src/test/resources/events/aws): an IAM-signed admin delete whose {@code interval} API Gateway
 * joined, and the payload 1.0 event of a REST API.
 */
class CacheAwsEventShapesTest {
    private static FunctionHarness<CacheFunction> function;

    @BeforeAll
    static void start() {
        function = new FunctionHarness<>(CacheFunction::new, Map.of("redis.uri", TestServices.redisUri(),
                "cache.redis-command-timeout", "250ms"));
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    /** {@code ?interval=1h&interval=1d} is a 400 naming interval, not an invalidation of 1h alone. */
    @Test
    @SuppressWarnings("unchecked")
    void aRepeatedIntervalIsABadRequestNamingIt() {
        APIGatewayV2HTTPResponse response = function.invoke(
                AwsHttpEvents.event("http-api-delete-cache-repeated-interval.json", TestServices.uniqueSymbol("AWSDEL")));

        assertEquals(400, response.getStatusCode(), response.getBody());
        List<Map<String, Object>> errors = (List<Map<String, Object>>) function.body(response).get("errors");
        assertEquals(List.of("interval"), errors.stream().map(e -> e.get("field")).toList());
    }

    @Test
    void aPayloadFormat10EventIsAProblemNotAnException() {
        APIGatewayV2HTTPResponse response = function.invoke(AwsHttpEvents.event("rest-api-v1-get.json", "AAPL"));

        assertEquals(501, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", FunctionHarness.header(response, "Content-Type"));
        assertTrue(response.getBody().contains("payload format version 2.0"), response.getBody());
    }
}
