package com.chartfeed.functions.batch;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.AwsHttpEvents;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import com.chartfeed.service.CandleWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The batch function on API Gateway events as AWS delivers them (the shared module's
 * src/test/resources/events/aws): a base64 body among every field an HTTP API sends, and the
 * payload 1.0 event of a REST API.
 */
class BatchAwsEventShapesTest {
    private static FunctionHarness<BatchFunction> function;

    @BeforeAll
    static void start() {
        function = new FunctionHarness<>(BatchFunction::new, Map.of());
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    /** The body arrives base64-encoded with cookies, an authorizer and comma-joined headers: items answered in order. */
    @Test
    @SuppressWarnings("unchecked")
    void aBase64BodyAmongEveryFieldIsAnswered() {
        String symbol = TestServices.uniqueSymbol("AWSBATCH");
        function.context.getBean(CandleWriter.class).upsert(symbol, Interval.H1,
                TestCandles.randomWalk(symbol, Interval.H1, 40, 100));

        APIGatewayV2HTTPResponse response = function.invoke(AwsHttpEvents.event("http-api-post-batch-base64.json", symbol));

        assertEquals(200, response.getStatusCode(), response.getBody());
        List<Map<String, Object>> results = (List<Map<String, Object>>) function.body(response).get("results");
        assertEquals(List.of(200, 400), results.stream().map(r -> ((Number) r.get("status")).intValue()).toList());
        assertEquals(3, ((List<?>) ((Map<String, Object>) results.get(0).get("data")).get("t")).size(),
                results.get(0).toString());
    }

    @Test
    void aPayloadFormat10EventIsAProblemNotAnException() {
        APIGatewayV2HTTPResponse response = function.invoke(AwsHttpEvents.event("rest-api-v1-get.json", "AAPL"));

        assertEquals(501, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", FunctionHarness.header(response, "Content-Type"));
        assertTrue(response.getBody().contains("payload format version 2.0"), response.getBody());
    }
}
