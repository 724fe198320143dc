package com.chartfeed.functions.indicator;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.testing.ApiGatewayEvents;
import com.chartfeed.testing.Csv;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input through the real handler: every answer is a 4xx problem+json naming the field, and the
 * function keeps serving afterwards.
 */
class HostileInputTest {
    private static final String BEARER = "Bearer " + TestServices.ADMIN_TOKEN;
    private static FunctionHarness<IndicatorFunction> function;
    private static String symbol;

    @BeforeAll
    static void start() {
        function = new FunctionHarness<>(IndicatorFunction::new, Map.of());
        symbol = TestServices.uniqueSymbol("HOST");
        CandleColumns candles = TestCandles.randomWalk(symbol, Interval.H1, 300, 100);
        assertEquals(200, function.putCsv(symbol, "1h", Csv.of(candles)).getStatusCode());
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    @AfterEach
    void serverStaysHealthy() {
        APIGatewayV2HTTPResponse ok = function.get("/v1/indicators/" + symbol + "/rsi?interval=1h&limit=5");
        assertEquals(200, ok.getStatusCode(), ok.getBody());
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "/v1/indicators/AAPL*/rsi?interval=1h                   | 400 | symbol",
            "/v1/indicators/%7BAAPL%7D/rsi?interval=1h              | 400 | symbol",
            "/v1/indicators/AA%0D%0APL/rsi?interval=1h              | 400 | symbol",
            "/v1/indicators/.AAPL/rsi?interval=1h                   | 400 | symbol",
            "/v1/indicators/NOSUCHSYMBOL1/rsi?interval=1h           | 404 | symbol",
            "/v1/indicators/{sym}/nosuch?interval=1h                | 404 | indicator",
            "/v1/indicators/{sym}/rsi                               | 400 | interval",
            "/v1/indicators/{sym}/rsi?interval=2h                   | 400 | interval",
            "/v1/indicators/{sym}/rsi?interval=1h&period=abc        | 400 | period",
            "/v1/indicators/{sym}/rsi?interval=1h&period=1          | 400 | period",
            "/v1/indicators/{sym}/rsi?interval=1h&period=1e3        | 400 | period",
            "/v1/indicators/{sym}/rsi?interval=1h&period=99999999999999999999999 | 400 | period",
            "/v1/indicators/{sym}/rsi?interval=1h&period=-5         | 400 | period",
            "/v1/indicators/{sym}/bbands?interval=1h&stddev=NaN     | 400 | stddev",
            "/v1/indicators/{sym}/bbands?interval=1h&stddev=1e308   | 400 | stddev",
            "/v1/indicators/{sym}/rsi?interval=1h&limit=0           | 400 | limit",
            "/v1/indicators/{sym}/rsi?interval=1h&limit=5001        | 400 | limit",
            "/v1/indicators/{sym}/rsi?interval=1h&from=x            | 400 | from",
            "/v1/indicators/{sym}/rsi?interval=1h&from=10&to=5      | 400 | from",
            "/v1/indicators/{sym}/rsi?interval=1h&to=-1             | 400 | to",
            "/v1/indicators/{sym}/rsi?interval=1h&source=volume     | 400 | source",
            "/v1/indicators/{sym}/atr?interval=1h&source=close      | 400 | source",
            "/v1/indicators/{sym}/rsi?interval=1h&peroid=5          | 400 | peroid",
            "/v1/indicators/{sym}/macd?interval=1h&fast=30&slow=10  | 400 | fast",
            "/v1/indicators/{sym}/macd?interval=1h&signal=1         | 400 | signal",
            "/v1/candles/{sym}?interval=1h&limit=abc                | 400 | limit",
            "/v1/candles/{sym}?interval=1m1                         | 400 | interval",
    })
    void badQueriesAreNamedProblems(String path, int status, String field) {
        assertProblem(function.get(path.replace("{sym}", symbol)), status, field);
    }

    @Test
    void threeHundredCharacterSymbol() {
        assertProblem(function.get("/v1/indicators/" + "A".repeat(300) + "/rsi?interval=1h"), 400, "symbol");
    }

    @Test
    void adminRoutesNeedTheRightToken() {
        String csv = "time,open,high,low,close,volume\n1700002800,1,2,0.5,1.5,10\n";
        String path = "/v1/candles/" + symbol + "/1h";
        assertEquals(401, function.invoke("PUT", path, Map.of("Content-Type", "text/csv"), csv).getStatusCode());
        APIGatewayV2HTTPResponse wrong = function.invoke("PUT", path,
                Map.of("Content-Type", "text/csv", "Authorization", "Bearer nope"), csv);
        assertEquals(401, wrong.getStatusCode());
        assertEquals("application/problem+json", FunctionHarness.header(wrong, "Content-Type"));
        APIGatewayV2HTTPResponse basic = function.invoke("PUT", path,
                Map.of("Content-Type", "text/csv", "Authorization", "Basic " + TestServices.ADMIN_TOKEN), csv);
        assertEquals(401, basic.getStatusCode());
        APIGatewayV2HTTPResponse wrongHeader = function.invoke("PUT", path,
                Map.of("Content-Type", "text/csv", "X-Admin-Token", "nope"), csv);
        assertEquals(401, wrongHeader.getStatusCode());
        // Behind IAM authorization, Authorization holds the SigV4 signature; the token has its own header.
        APIGatewayV2HTTPResponse signed = function.invoke("PUT", path, Map.of("Content-Type", "text/csv",
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/us-east-1/execute-api/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, Signature=abc", "X-Admin-Token", TestServices.ADMIN_TOKEN), csv);
        assertEquals(200, signed.getStatusCode(), signed.getBody());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "high below low              | time,open,high,low,close,volume\\n1700002800,10,9,11,10,5\\n      | high (line 2)",
            "high below close            | time,open,high,low,close,volume\\n1700002800,10,10.5,9,11,5\\n    | high (line 2)",
            "not a number                | time,open,high,low,close,volume\\n1700002800,ten,11,9,10,5\\n     | open (line 2)",
            "infinite price              | time,open,high,low,close,volume\\n1700002800,1e400,1e400,9,10,5\\n | open (line 2)",
            "huge price                  | time,open,high,low,close,volume\\n1700002800,1e14,1e14,9,10,5\\n  | open (line 2)",
            "negative volume             | time,open,high,low,close,volume\\n1700002800,10,11,9,10,-5\\n     | volume (line 2)",
            "off the interval grid       | time,open,high,low,close,volume\\n1700000000,10,11,9,10,5\\n      | time (line 2)",
            "times out of order          | time,open,high,low,close,volume\\n1700006400,10,11,9,10,5\\n1700002800,10,11,9,10,5\\n | time (line 3)",
            "missing field               | time,open,high,low,close,volume\\n1700002800,10,11,9,10\\n        | line 2",
            "no header                   | 1700002800,10,11,9,10,5\\n                                        | body",
            "binary junk                 | \\u0000\\u0001\\u00ff{{{                                           | body",
    })
    void malformedCsvIsRejected(String name, String csv, String field) {
        String body = csv.strip().replace("\\n", "\n").replace("\\u0000", "\u0000").replace("\\u0001", "\u0001")
                .replace("\\u00ff", "\u00ff");
        assertProblem(function.invoke("PUT", "/v1/candles/" + symbol + "/1h",
                Map.of("Content-Type", "text/csv", "Authorization", BEARER), body), 400, field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "truncated           | {\"t\":[1700002800],\"o\":[1]                                                   | body",
            "fractional time     | {\"t\":[1700002800.5],\"o\":[1],\"h\":[1],\"l\":[1],\"c\":[1],\"v\":[1]}       | t[0]",
            "missing column      | {\"t\":[1700002800],\"o\":[1],\"h\":[1],\"l\":[1],\"c\":[1]}                   | v",
            "lengths differ      | {\"t\":[1700002800],\"o\":[1,2],\"h\":[1],\"l\":[1],\"c\":[1],\"v\":[1]}       | o",
            "other symbol        | {\"symbol\":\"MSFT\",\"t\":[1700002800],\"o\":[1],\"h\":[1],\"l\":[1],\"c\":[1],\"v\":[1]} | symbol",
            "huge number         | {\"t\":[1700002800],\"o\":[1e999],\"h\":[1],\"l\":[1],\"c\":[1],\"v\":[1]}     | o[0]",
            "trailing garbage    | {\"t\":[1700002800],\"o\":[1],\"h\":[1],\"l\":[1],\"c\":[1],\"v\":[1]}xyz    | body",
            "empty               | {\"t\":[],\"o\":[],\"h\":[],\"l\":[],\"c\":[],\"v\":[]}                       | body",
    })
    void malformedJsonIsRejected(String name, String json, String field) {
        assertProblem(function.invoke("PUT", "/v1/candles/" + symbol + "/1h",
                Map.of("Content-Type", "application/json", "Authorization", BEARER), json.strip()), 400, field);
    }

    @Test
    void badPathPartsOfTheUpload() {
        String csv = "time,open,high,low,close,volume\n1700002800,1,2,0.5,1.5,10\n";
        Map<String, String> headers = Map.of("Content-Type", "text/csv", "Authorization", BEARER);
        assertProblem(function.invoke("PUT", "/v1/candles/" + symbol + "/7m", headers, csv), 400, "interval");
        assertProblem(function.invoke("PUT", "/v1/candles/B%2AD/1h", headers, csv), 400, "symbol");
    }

    /**
     * No management endpoints (micronaut-flyway would bring them; shared/pom.xml leaves them
     * out): {@code /health} and the others are unknown routes like any other, not a bare
     * {@code {"status":"DOWN"}} or a 401 with an empty body.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/v1/nothing-here", "/health", "/routes", "/flyway", "/beans", "/loggers"})
    void unknownRouteIsAProblemToo(String path) {
        APIGatewayV2HTTPResponse response = function.get(path);
        assertEquals(404, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", FunctionHarness.header(response, "Content-Type"));
        assertEquals(404, ((Number) function.body(response).get("status")).intValue());
    }

    @Test
    void eventJsonIsWhatSamTakes() {
        String json = ApiGatewayEvents.json("GET", "/v1/indicators/" + symbol + "/sma?interval=1h&limit=2",
                Map.of(), null);
        assertTrue(json.contains("\"version\":\"2.0\""));
        assertEquals(200, function.handler.handleRequest(ApiGatewayEvents.fromJson(json),
                new com.chartfeed.lambda.LocalLambdaContext("indicator", 5_000)).getStatusCode());
    }

    private static void assertProblem(APIGatewayV2HTTPResponse response, int status, String field) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", FunctionHarness.header(response, "Content-Type"));
        Map<String, Object> problem = function.body(response);
        assertEquals(status, ((Number) problem.get("status")).intValue());
        List<?> errors = (List<?>) problem.get("errors");
        assertTrue(errors != null && errors.stream().anyMatch(e -> field.equals(((Map<?, ?>) e).get("field"))),
                () -> "no error names " + field + ": " + response.getBody());
    }
}
