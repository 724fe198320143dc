package com.chartfeed.functions.indicator;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.Csv;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /v1/symbols} and the chart page's routes through the real Lambda handler, on PostgreSQL. */
class SymbolsAndPageTest {
    private static FunctionHarness<IndicatorFunction> function;
    private static String prefix;

    @BeforeAll
    static void start() {
        function = new FunctionHarness<>(IndicatorFunction::new, Map.of());
        prefix = TestServices.uniqueSymbol("SY").substring(0, 12);
        for (String[] upload : new String[][] {{"_X", "1h"}, {"_X", "1d"}, {"AB", "5m"}, {"AC", "1w"}}) {
            APIGatewayV2HTTPResponse put = function.putCsv(prefix + upload[0], upload[1],
                    Csv.of(TestCandles.randomWalk(prefix, Interval.fromCode(upload[1]).orElseThrow(), 5, 10)));
            assertEquals(200, put.getStatusCode(), put.getBody());
        }
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    @Test
    void symbolsWithAPrefixAreListedSortedWithTheirIntervals() {
        APIGatewayV2HTTPResponse response = function.get("/v1/symbols?prefix=" + prefix.toLowerCase());
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(Map.of("symbols", List.of(
                Map.of("symbol", prefix + "AB", "intervals", List.of("5m")),
                Map.of("symbol", prefix + "AC", "intervals", List.of("1w")),
                Map.of("symbol", prefix + "_X", "intervals", List.of("1h", "1d")))), function.body(response));
        assertTrue(FunctionHarness.header(response, "Cache-Control").contains("max-age"));
    }

    @Test
    void limitCutsTheSortedListAndUnderscoreIsNoWildcard() {
        assertEquals(List.of(Map.of("symbol", prefix + "AB", "intervals", List.of("5m"))),
                function.body(function.get("/v1/symbols?prefix=" + prefix + "&limit=1")).get("symbols"));
        assertEquals(List.of(Map.of("symbol", prefix + "_X", "intervals", List.of("1h", "1d"))),
                function.body(function.get("/v1/symbols?prefix=" + prefix + "_")).get("symbols"));
    }

    @Test
    void emptyAnswersKeepTheirEmptyColumns() {
        assertEquals(Map.of("symbols", List.of()), function.body(function.get("/v1/symbols?prefix=" + prefix + "Q")));
        // Scroll-back past the first candle: empty columns a chart can read, not missing ones.
        Map<String, Object> candles = function.body(function.get("/v1/candles/" + prefix + "AB?interval=5m&to=0"));
        assertEquals(List.of(), candles.get("t"));
        assertEquals(List.of(), candles.get("c"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "limit=0, limit", "limit=1001, limit", "limit=x, limit", "prefix=A*, prefix",
            "prefix=ABCDEFGHIJKLMNOPQRSTU, prefix", "prefx=A, prefx"})
    void badInputIsA400NamingTheField(String query, String field) {
        APIGatewayV2HTTPResponse response = function.get("/v1/symbols?" + query);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", FunctionHarness.header(response, "Content-Type"));
        assertEquals(field, ((Map<?, ?>) ((List<?>) function.body(response).get("errors")).get(0)).get("field"));
    }

    @Test
    void thePageAndItsFilesAreServedWithTypesAndCacheHeaders() {
        APIGatewayV2HTTPResponse page = function.get("/");
        assertEquals(200, page.getStatusCode(), page.getBody());
        assertTrue(FunctionHarness.header(page, "Content-Type").startsWith("text/html"));
        assertEquals("no-cache", FunctionHarness.header(page, "Cache-Control"));
        assertTrue(text(page).contains("/chart/lightweight-charts-5.2.1.standalone.production.js"), text(page));

        APIGatewayV2HTTPResponse library = function.get("/chart/lightweight-charts-5.2.1.standalone.production.js");
        assertEquals(200, library.getStatusCode());
        assertTrue(FunctionHarness.header(library, "Content-Type").startsWith("text/javascript"));
        assertEquals("public, max-age=86400", FunctionHarness.header(library, "Cache-Control"));
        assertTrue(text(library).contains("TradingView Lightweight Charts™ v5.2.1"));

        APIGatewayV2HTTPResponse app = function.get("/chart/app.js");
        assertTrue(FunctionHarness.header(app, "Content-Type").startsWith("text/javascript"));
        assertTrue(FunctionHarness.header(function.get("/chart/app.css"), "Content-Type").startsWith("text/css"));
        assertTrue(text(function.get("/chart/NOTICE")).contains("TradingView, Inc."));
        assertTrue(text(function.get("/chart/LICENSE")).contains("Apache License"));

        String etag = FunctionHarness.header(app, "ETag");
        assertNotNull(etag);
        APIGatewayV2HTTPResponse again = function.get("/chart/app.js", Map.of("If-None-Match", etag));
        assertEquals(304, again.getStatusCode());
    }

    /**
     * The page's files take {@code If-None-Match} as every other route does: a list of ETags, or the
     * weak form a proxy that compressed the file may send back, matches too; another ETag does not.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{etag}                      | 304",
            "W/{etag}                    | 304",
            "\"0000000000000000\", {etag} | 304",
            "*                           | 304",
            "\"0000000000000000\"        | 200",
    })
    void theChartFilesAnswerIfNoneMatchAsTheApiDoes(String ifNoneMatch, int status) {
        String etag = FunctionHarness.header(function.get("/chart/app.js"), "ETag");
        APIGatewayV2HTTPResponse response = function.get("/chart/app.js",
                Map.of("If-None-Match", ifNoneMatch.replace("{etag}", etag)));
        assertEquals(status, response.getStatusCode(), ifNoneMatch);
        assertEquals(etag, FunctionHarness.header(response, "ETag"));
    }

    @ParameterizedTest
    @CsvSource({"/chart/nothing.js", "/chart/..%2Fapplication.yml", "/chart/.hidden", "/chart/app.exe"})
    void anythingElseUnderChartIsA404(String path) {
        APIGatewayV2HTTPResponse response = function.get(path);
        assertEquals(404, response.getStatusCode(), response.getBody());
    }

    private static String text(APIGatewayV2HTTPResponse response) {
        return response.getIsBase64Encoded()
                ? new String(Base64.getDecoder().decode(response.getBody()), StandardCharsets.UTF_8)
                : response.getBody();
    }
}
