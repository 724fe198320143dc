package com.chartfeed.functions.indicator;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.AwsHttpEvents;
import com.chartfeed.testing.Csv;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The indicator function on API Gateway events as AWS delivers them (src/test/resources/events/aws
 * of the shared module): every field an HTTP API sends, query values API Gateway joined with commas,
 * base64 bodies, an IAM-signed admin upload, and the payload 1.0 events of a REST API.
 */
class AwsEventShapesTest {
    private static FunctionHarness<IndicatorFunction> function;
    private static String symbol;

    @BeforeAll
    static void start() {
        function = new FunctionHarness<>(IndicatorFunction::new, Map.of());
        symbol = TestServices.uniqueSymbol("AWSEV");
        APIGatewayV2HTTPResponse put = function.putCsv(symbol, "1h",
                Csv.of(TestCandles.randomWalk(symbol, Interval.H1, 40, 100)));
        assertEquals(200, put.getStatusCode(), put.getBody());
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    /** Cookies, comma-joined headers, an authorizer, a client certificate, stage variables: the same answer. */
    @Test
    void anEventWithEveryFieldIsAnsweredAsThePlainRequest() {
        APIGatewayV2HTTPResponse plain = function.get("/v1/indicators/" + symbol + "/sma?interval=1h&period=2&limit=3");
        assertEquals(200, plain.getStatusCode(), plain.getBody());

        APIGatewayV2HTTPResponse full = function.invoke(AwsHttpEvents.event("http-api-get-every-field.json", symbol));

        assertEquals(200, full.getStatusCode(), full.getBody());
        assertEquals(function.body(plain), function.body(full));
        assertEquals(FunctionHarness.header(plain, "ETag"), FunctionHarness.header(full, "ETag"));
    }

    /** {@code If-None-Match: W/"old", "current"} arrives joined with a comma; the second tag still matches. */
    @Test
    void anIfNoneMatchListHoldingTheCurrentTagIsNotModified() {
        String etag = FunctionHarness.header(
                function.get("/v1/indicators/" + symbol + "/sma?interval=1h&period=2&limit=3"), "ETag");
        String json = AwsHttpEvents.json("http-api-get-every-field.json", symbol)
                .replace("CURRENT-ETAG", etag.substring(1, etag.length() - 1));

        APIGatewayV2HTTPResponse response = function.invoke(com.chartfeed.testing.ApiGatewayEvents.fromJson(json));

        assertEquals(304, response.getStatusCode(), response.getBody());
    }

    /**
     * {@code period=14%2C200}, {@code period=14&period=20} and {@code period=14%2C} all reach the
     * function as {@code queryStringParameters.period} with a comma in it: each is a 400 naming
     * {@code period}, never an answer for period 14.
     */
    @ParameterizedTest
    @ValueSource(strings = {"http-api-get-encoded-comma.json", "http-api-get-repeated-parameter.json",
            "http-api-get-trailing-comma.json"})
    void aQueryValueApiGatewayJoinedIsABadRequestNamingIt(String file) {
        APIGatewayV2HTTPResponse response = function.invoke(AwsHttpEvents.event(file, symbol));

        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", FunctionHarness.header(response, "Content-Type"));
        assertEquals(List.of("period"), fields(function.body(response)));
    }

    /** An IAM-signed upload: SigV4 {@code Authorization} (commas and all), the token in X-Admin-Token, a base64 body. */
    @Test
    void aSignedBase64CsvUploadIsStored() {
        String own = TestServices.uniqueSymbol("AWSPUT");
        APIGatewayV2HTTPResponse put = function.invoke(AwsHttpEvents.event("http-api-put-csv-base64-iam.json", own));

        assertEquals(200, put.getStatusCode(), put.getBody());
        assertEquals(3, ((Number) function.body(put).get("upserted")).intValue());
        Map<String, Object> stored = function.body(function.get("/v1/candles/" + own + "?interval=1h"));
        assertEquals(List.of(1700006400, 1700010000, 1700013600), stored.get("t"));
        assertEquals(List.of(190.0, 190.6, 190.35), stored.get("c"));
    }

    /**
     * {@code curl --data-binary @candles.csv} without a Content-Type sends
     * {@code application/x-www-form-urlencoded}, which HTTP API hands over base64-encoded: read as CSV.
     */
    @Test
    void curlsDefaultContentTypeIsReadAsCsv() {
        String own = TestServices.uniqueSymbol("AWSFORM");
        APIGatewayV2HTTPResponse put = function.invoke(
                AwsHttpEvents.event("http-api-put-form-default-base64-iam.json", own));

        assertEquals(200, put.getStatusCode(), put.getBody());
        assertEquals(3, ((Number) function.body(put).get("upserted")).intValue());
        Map<String, Object> stored = function.body(function.get("/v1/candles/" + own + "?interval=1h"));
        assertEquals(List.of(190.0, 190.6, 190.35), stored.get("c"));
    }

    /** A REST API's event, or an HTTP API integration left at payload format 1.0: a problem saying what is needed. */
    @ParameterizedTest
    @ValueSource(strings = {"rest-api-v1-get.json", "http-api-v1-get.json"})
    void aPayloadFormat10EventIsAProblemNotAnException(String file) {
        APIGatewayV2HTTPResponse response = function.invoke(AwsHttpEvents.event(file, symbol));

        assertEquals(501, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", FunctionHarness.header(response, "Content-Type"));
        Map<String, Object> problem = function.body(response);
        assertEquals(501, ((Number) problem.get("status")).intValue());
        assertTrue(((String) problem.get("detail")).contains("payload format version 2.0"), problem.toString());
    }

    /** Not even an API Gateway event: still a problem+json answer, not an exception out of the handler. */
    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"version\":\"2.0\",\"rawPath\":\"/v1/indicators\"}"})
    void anEventWithoutARequestIsAProblemNotAnException(String json) {
        APIGatewayV2HTTPResponse response = function.invoke(com.chartfeed.testing.ApiGatewayEvents.fromJson(json));

        assertEquals(501, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", FunctionHarness.header(response, "Content-Type"));
    }

    /** A payload 2.0 event with no method: the adapter fails on it, the handler still answers a problem. */
    @Test
    void anEventTheAdapterFailsOnIsAProblemNotAnException() {
        APIGatewayV2HTTPResponse response = function.invoke(com.chartfeed.testing.ApiGatewayEvents.fromJson(
                "{\"version\":\"2.0\",\"rawPath\":\"/v1/indicators\",\"rawQueryString\":\"\","
                        + "\"requestContext\":{\"http\":{\"path\":\"/v1/indicators\"}}}"));

        assertEquals(500, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", FunctionHarness.header(response, "Content-Type"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("errors")).stream().map(e -> (String) e.get("field")).toList();
    }
}
