package com.chartfeed.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import com.chartfeed.functions.batch.BatchFunction;
import com.chartfeed.functions.cache.CacheFunction;
import com.chartfeed.functions.indicator.IndicatorFunction;
import com.chartfeed.testing.Csv;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.TcpProxy;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static com.chartfeed.testing.FunctionHarness.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real answers of every route against the OpenAPI document the service serves: the real handler
 * classes of the three functions, each on its own application context on the test PostgreSQL and
 * Redis, invoked with API Gateway HTTP API events as Lambda invokes them, each route sent to the
 * function API Gateway sends it to. Every answer must be as {@link OpenApiDocument} reads the
 * document (status, content type, JSON body against its schema with every object closed to fields
 * it does not list, headers); every request meant to be valid must be valid by the document too.
 * Successes, errors (400, 401, 404, 415), {@code 304}s, {@code STALE} answers and a database outage's
 * {@code 503}s are all checked, and every operation must have been answered successfully.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiContractTest {
    private static final String TOKEN = TestServices.ADMIN_TOKEN;
    private static final Map<String, String> ADMIN = Map.of("Authorization", "Bearer " + TOKEN);
    private static final Map<String, Set<Integer>> ANSWERED = new TreeMap<>();

    private static FunctionHarness<IndicatorFunction> indicator;
    private static FunctionHarness<IndicatorFunction> otherIndicator;
    private static FunctionHarness<BatchFunction> batch;
    private static FunctionHarness<CacheFunction> cache;
    private static OpenApiDocument document;
    private static String symbol;

    @BeforeAll
    static void start() {
        Map<String, Object> redis = Map.of("redis.uri", TestServices.redisUri());
        indicator = new FunctionHarness<>(IndicatorFunction::new, redis);
        otherIndicator = new FunctionHarness<>(IndicatorFunction::new, redis);
        batch = new FunctionHarness<>(BatchFunction::new, redis);
        cache = new FunctionHarness<>(CacheFunction::new, redis);
        APIGatewayV2HTTPResponse served = indicator.get("/openapi.yml");
        assertEquals(200, served.getStatusCode());
        document = OpenApiDocument.parse(body(served));
        symbol = TestServices.uniqueSymbol("OAS");
    }

    @AfterAll
    static void stop() {
        for (FunctionHarness<?> function : Arrays.asList(indicator, otherIndicator, batch, cache)) {
            if (function != null) {
                function.close();
            }
        }
    }

    @Test
    @Order(1)
    void uploadsAnswerAsDocumented() {
        CandleColumns hourly = TestCandles.randomWalk(symbol, Interval.H1, 400, 80);
        ok(indicator, "PUT", "/v1/candles/" + symbol + "/1h", ADMIN, "application/json", columns(hourly));
        ok(indicator, "PUT", "/v1/candles/" + symbol + "/1d", ADMIN, "text/csv",
                Csv.of(TestCandles.randomWalk(symbol, Interval.D1, 300, 80)));
        ok(indicator, "PUT", "/v1/candles/" + symbol + "/4h", Map.of("X-Admin-Token", TOKEN), "text/plain",
                Csv.of(TestCandles.randomWalk(symbol, Interval.H4, 50, 80)));

        String one = "{\"t\":[1700006400],\"o\":[10],\"h\":[11],\"l\":[9],\"c\":[10.5],\"v\":[100]}";
        answer(401, indicator, "PUT", "/v1/candles/" + symbol + "/1h", Map.of(), "application/json", one);
        answer(401, indicator, "PUT", "/v1/candles/" + symbol + "/1h", Map.of("Authorization", "Bearer wrong"),
                "application/json", one);
        answer(415, indicator, "PUT", "/v1/candles/" + symbol + "/1h", ADMIN, "application/xml", "<candles/>");
        answer(400, indicator, "PUT", "/v1/candles/" + symbol + "/2h", ADMIN, "application/json", one);
        answer(400, indicator, "PUT", "/v1/candles/" + symbol + "/1h", ADMIN, "text/csv", "time,open\n1,2\n");
        // A price under the floor: the document's bounds refuse it as the service does.
        String tooCheap = one.replace("\"l\":[9]", "\"l\":[0]");
        assertFalse(document.checkRequest(document.operation("PUT", "/v1/candles/X/1h"), "/v1/candles/X/1h", ADMIN,
                "application/json", tooCheap).isEmpty(), "the document takes a price of 0");
        answer(400, indicator, "PUT", "/v1/candles/" + symbol + "/1h", ADMIN, "application/json", tooCheap);
    }

    @Test
    @Order(2)
    void indicatorsAndCandlesAnswerAsDocumented() {
        String rsi = "/v1/indicators/" + symbol + "/rsi?interval=1h&limit=3";
        // Computed, then from this container's memory, then another container's read through Redis.
        APIGatewayV2HTTPResponse computed = ok(indicator, "GET", rsi);
        ok(indicator, "GET", rsi);
        ok(otherIndicator, "GET", rsi);
        answer(304, indicator, "GET", rsi, Map.of("If-None-Match", header(computed, "ETag")), null, null);
        ok(indicator, "GET", "/v1/indicators/" + symbol.toLowerCase() + "/MACD?interval=1h&fast=8&slow=21&signal=5&source=hl2"
                + "&from=1700000000&to=1800000000&_=1");
        ok(indicator, "GET", "/v1/indicators/" + symbol + "/bbands?interval=1d&period=20&stddev=2.5&limit=5000");
        ok(indicator, "GET", "/v1/indicators/" + symbol + "/vwap?interval=1h&limit=2");
        ok(indicator, "GET", "/v1/indicators/" + symbol + "/cdlengulfing?interval=1h&limit=5");
        ok(indicator, "GET", "/v1/indicators/" + symbol + "/sma?interval=1h&from=1800000000");
        answer(400, indicator, "GET", "/v1/indicators/" + symbol + "/rsi?interval=1h&period=1");
        answer(400, indicator, "GET", "/v1/indicators/" + symbol + "/rsi?interval=1h&peroid=50");
        answer(400, indicator, "GET", "/v1/indicators/" + symbol + "/rsi?interval=2h");
        answer(400, indicator, "GET", "/v1/indicators/" + symbol + "/rsi");
        answer(400, indicator, "GET", "/v1/indicators/" + symbol + "/rsi?interval=1h&from=5&to=4");
        answer(400, indicator, "GET", "/v1/indicators/bad%24symbol/rsi?interval=1h");
        answer(404, indicator, "GET", "/v1/indicators/" + symbol + "/nosuchstudy?interval=1h");
        answer(404, indicator, "GET", "/v1/indicators/" + TestServices.uniqueSymbol("NONE") + "/rsi?interval=1h");

        APIGatewayV2HTTPResponse catalogue = ok(indicator, "GET", "/v1/indicators");
        answer(304, indicator, "GET", "/v1/indicators", Map.of("If-None-Match", header(catalogue, "ETag")), null, null);

        String candles = "/v1/candles/" + symbol + "?interval=1h&limit=5";
        APIGatewayV2HTTPResponse read = ok(indicator, "GET", candles);
        answer(304, indicator, "GET", candles, Map.of("If-None-Match", header(read, "ETag")), null, null);
        ok(indicator, "GET", "/v1/candles/" + symbol + "?interval=1w");
        answer(400, indicator, "GET", "/v1/candles/" + symbol + "?interval=1h&limit=0");
        answer(400, indicator, "GET", "/v1/candles/" + symbol + "?interval=1h&period=3");
        answer(404, indicator, "GET", "/v1/candles/" + TestServices.uniqueSymbol("NONE") + "?interval=1h");

        ok(indicator, "GET", "/v1/symbols?prefix=" + symbol.substring(0, 5).toLowerCase() + "&limit=10");
        ok(indicator, "GET", "/v1/symbols?prefix=NOSUCHPREFIXATALL");
        answer(400, indicator, "GET", "/v1/symbols?prefix=a%20b");
        answer(400, indicator, "GET", "/v1/symbols?limit=1001");
    }

    @Test
    @Order(3)
    void pagesAndThisDocumentAnswerAsDocumented() {
        for (String path : List.of("/", "/favicon.ico", "/chart/app.js", "/chart/app.css", "/chart/index.html",
                "/chart/favicon.svg", "/chart/LICENSE", "/chart/lightweight-charts-5.2.1.standalone.production.js",
                "/openapi.yml", "/api-docs", "/api-docs/api-docs.js", "/api-docs/swagger-ui-5.36.0.css",
                "/api-docs/swagger-ui-bundle-5.36.0.js", "/api-docs/LICENSE", "/api-docs/NOTICE",
                "/api-docs/swagger-ui-bundle.js.LICENSE.txt")) {
            APIGatewayV2HTTPResponse file = ok(indicator, "GET", path);
            answer(304, indicator, "GET", path, Map.of("If-None-Match", header(file, "ETag")), null, null);
        }
        answer(404, indicator, "GET", "/chart/nosuchfile.js");
        answer(404, indicator, "GET", "/api-docs/nosuchfile.js");
        answer(404, indicator, "GET", "/api-docs/.hidden");
    }

    @Test
    @Order(4)
    void batchesAnswerAsDocumented() {
        APIGatewayV2HTTPResponse mixed = ok(batch, "POST", "/v1/indicators/batch", Map.of(), "application/json", """
                {"requests": [
                  {"symbol": "%s", "indicator": "rsi", "interval": "1h", "params": {"period": 14}, "limit": 3},
                  {"symbol": "%s", "indicator": "macd", "interval": "1d", "from": 1700000000},
                  {"symbol": "%s", "indicator": "rsi", "interval": "1h"},
                  {"symbol": "%s", "indicator": "rsi", "interval": "1h", "params": {"period": 1}}
                ]}""".formatted(symbol, symbol, TestServices.uniqueSymbol("NONE"), symbol));
        String results = new String(body(mixed), StandardCharsets.UTF_8);
        assertTrue(results.contains("\"status\":200") && results.contains("\"status\":404")
                && results.contains("\"status\":400"), results);
        ok(batch, "POST", "/v1/indicators/batch", Map.of(), "text/plain",
                "{\"requests\":[{\"symbol\":\"" + symbol + "\",\"indicator\":\"ema\",\"interval\":\"4h\"}]}");
        answer(400, batch, "POST", "/v1/indicators/batch", Map.of(), "application/json", "{\"requests\":[]}");
        answer(400, batch, "POST", "/v1/indicators/batch", Map.of(), "application/json", "not json");
        answer(400, batch, "POST", "/v1/indicators/batch", Map.of(), "application/json", "{\"requests\":["
                + String.join(",", Collections.nCopies(11,
                "{\"symbol\":\"" + symbol + "\",\"indicator\":\"rsi\",\"interval\":\"1h\"}")) + "]}");
    }

    @Test
    @Order(5)
    void cacheRoutesAnswerAsDocumented() {
        ok(cache, "GET", "/v1/cache/stats");
        assertEquals(200, ok(cache, "GET", "/v1/cache/health").getStatusCode());
        ok(cache, "DELETE", "/v1/cache/" + symbol + "?interval=1h", ADMIN, null, null);
        ok(cache, "DELETE", "/v1/cache/" + symbol.toLowerCase(), Map.of("X-Admin-Token", TOKEN), null, null);
        answer(401, cache, "DELETE", "/v1/cache/" + symbol, Map.of(), null, null);
        answer(400, cache, "DELETE", "/v1/cache/" + symbol + "?interval=2h", ADMIN, null, null);
        answer(400, cache, "DELETE", "/v1/cache/bad%24symbol", ADMIN, null, null);
        answer(401, cache, "DELETE", "/v1/cache", Map.of("Authorization", "Bearer wrong"), null, null);
        ok(cache, "DELETE", "/v1/cache", ADMIN, null, null);
        // Without Redis: no fleet totals, no Redis figures, L2 disabled.
        try (FunctionHarness<CacheFunction> alone = new FunctionHarness<>(CacheFunction::new, Map.of())) {
            String stats = new String(body(ok(alone, "GET", "/v1/cache/stats")), StandardCharsets.UTF_8);
            assertTrue(stats.contains("\"available\":false"), stats);
            ok(alone, "GET", "/v1/cache/health");
        }
    }

    /** The database cut off mid-test: what is cached is served STALE, the rest is 503 with Retry-After. */
    @Test
    @Order(6)
    void anOutageAnswersAsDocumented() throws InterruptedException {
        URI postgres = URI.create(TestServices.postgresUrl().substring("jdbc:".length()));
        try (TcpProxy proxy = TcpProxy.to(postgres.getHost(), postgres.getPort())) {
            Map<String, Object> throughProxy = Map.of(
                    "datasources.default.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + postgres.getPath(),
                    "datasources.default.connection-timeout", "500",
                    "cache.ttl-min", "300ms", "cache.ttl-max", "300ms");
            try (FunctionHarness<IndicatorFunction> cut = new FunctionHarness<>(IndicatorFunction::new, throughProxy);
                 FunctionHarness<CacheFunction> cutCache = new FunctionHarness<>(CacheFunction::new, throughProxy)) {
                String cached = "/v1/indicators/" + symbol + "/ema?interval=1h&limit=4";
                assertEquals("MISS", header(ok(cut, "GET", cached), "X-Cache"));
                proxy.cut();
                Thread.sleep(400); // past the TTL

                APIGatewayV2HTTPResponse stale = ok(cut, "GET", cached);
                assertEquals("STALE", header(stale, "X-Cache"));
                // Retry-After among them: the document requires it of every 503 problem.
                for (String uncached : List.of("/v1/indicators/" + symbol + "/ema?interval=1d",
                        "/v1/candles/" + symbol + "?interval=4h", "/v1/symbols")) {
                    answer(503, cut, "GET", uncached);
                }
                answer(503, cut, "PUT", "/v1/candles/" + symbol + "/1h", ADMIN, "text/csv",
                        Csv.of(TestCandles.randomWalk(symbol, Interval.H1, 3, 80)));
                answer(503, cutCache, "GET", "/v1/cache/health");
                answer(503, cutCache, "DELETE", "/v1/cache/" + symbol, ADMIN, null, null);
                answer(503, cutCache, "DELETE", "/v1/cache", ADMIN, null, null);
            }
        }
    }

    /** The check itself: the same real answer fails against a document that says something else. */
    @Test
    @Order(7)
    void aDriftFromTheDocumentFails() {
        String path = "/v1/indicators/" + symbol + "/macd?interval=1h&limit=2";
        APIGatewayV2HTTPResponse real = indicator.get(path);
        OpenApiDocument.Operation operation = document.operation("GET", path.substring(0, path.indexOf('?')));
        assertEquals(List.of(), check(document, operation, real));

        Map<String, Consumer<ObjectNode>> drifts = new LinkedHashMap<>();
        drifts.put("a field the document does not list", doc -> ((ObjectNode) doc.at("/components/schemas/IndicatorSeries/properties"))
                .remove("series"));
        drifts.put("a field of another type", doc -> ((ObjectNode) doc.at("/components/schemas/EpochSeconds")).put("type", "string"));
        drifts.put("a required field the answer lacks", doc -> {
            ((ObjectNode) doc.at("/components/schemas/IndicatorSeries/properties")).putObject("warmup").put("type", "integer");
            ((ArrayNode) doc.at("/components/schemas/IndicatorSeries/required")).add("warmup");
        });
        drifts.put("another status", doc -> ((ObjectNode) doc.at(operation.pointer() + "/responses")).remove("200"));
        drifts.put("another content type", doc -> {
            ObjectNode content = (ObjectNode) doc.at(operation.pointer() + "/responses/200/content");
            content.set("text/csv", content.remove("application/json"));
        });
        drifts.put("another header value", doc -> ((ArrayNode) doc.at("/components/schemas/XCache/enum")).removeAll()
                .add("HIT-L2"));
        drifts.forEach((drift, edit) -> assertFalse(check(document.with(edit), operation, real).isEmpty(),
                drift + ": the answer still passes"));
    }

    @Test
    @Order(8)
    void everyOperationWasAnsweredSuccessfully() {
        Set<String> operations = document.operations().stream().map(OpenApiDocument.Operation::key)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> succeeded = ANSWERED.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(status -> status < 300))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(operations, succeeded, "answered: " + ANSWERED);
        Set<Integer> statuses = ANSWERED.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(statuses.containsAll(List.of(200, 304, 400, 401, 404, 415, 503)), statuses.toString());
    }

    private static APIGatewayV2HTTPResponse ok(FunctionHarness<?> function, String method, String pathAndQuery) {
        return ok(function, method, pathAndQuery, Map.of(), null, null);
    }

    /** A request the document says is valid, answered with a success as the document says. */
    private static APIGatewayV2HTTPResponse ok(FunctionHarness<?> function, String method, String pathAndQuery,
                                               Map<String, String> headers, String contentType, String body) {
        OpenApiDocument.Operation operation = document.operation(method, path(pathAndQuery));
        assertEquals(List.of(), document.checkRequest(operation, pathAndQuery, headers, contentType, body),
                "the request " + method + " " + pathAndQuery + " is not valid by the document");
        APIGatewayV2HTTPResponse response = exchange(function, operation, method, pathAndQuery, headers, contentType, body);
        assertTrue(response.getStatusCode() < 300, method + " " + pathAndQuery + ": " + response.getStatusCode()
                + " " + response.getBody());
        return response;
    }

    private static APIGatewayV2HTTPResponse answer(int status, FunctionHarness<?> function, String method, String pathAndQuery) {
        return answer(status, function, method, pathAndQuery, Map.of(), null, null);
    }

    /** Any request, answered with {@code status} as the document says. */
    private static APIGatewayV2HTTPResponse answer(int status, FunctionHarness<?> function, String method,
                                                   String pathAndQuery, Map<String, String> headers,
                                                   String contentType, String body) {
        OpenApiDocument.Operation operation = document.operation(method, path(pathAndQuery));
        APIGatewayV2HTTPResponse response = exchange(function, operation, method, pathAndQuery, headers, contentType, body);
        assertEquals(status, response.getStatusCode(), method + " " + pathAndQuery + ": " + response.getBody());
        return response;
    }

    private static APIGatewayV2HTTPResponse exchange(FunctionHarness<?> function, OpenApiDocument.Operation operation,
                                                     String method, String pathAndQuery, Map<String, String> headers,
                                                     String contentType, String body) {
        Map<String, String> sent = new LinkedHashMap<>(headers);
        if (contentType != null) {
            sent.put("Content-Type", contentType);
        }
        APIGatewayV2HTTPResponse response = function.invoke(method, pathAndQuery, sent, body);
        assertEquals(List.of(), check(document, operation, response), () -> method + " " + pathAndQuery + " answered "
                + response.getStatusCode() + " " + header(response, "Content-Type") + " not as documented; body: "
                + abbreviate(response.getBody()));
        ANSWERED.computeIfAbsent(operation.key(), key -> new TreeSet<>()).add(response.getStatusCode());
        return response;
    }

    private static List<String> check(OpenApiDocument against, OpenApiDocument.Operation operation,
                                      APIGatewayV2HTTPResponse response) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        }
        if (response.getHeaders() != null) {
            headers.putAll(response.getHeaders());
        }
        return against.checkResponse(operation, response.getStatusCode(), headers, body(response));
    }

    private static byte[] body(APIGatewayV2HTTPResponse response) {
        if (response.getBody() == null) {
            return new byte[0];
        }
        return response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON column form of {@code GET /v1/candles}. */
    private static String columns(CandleColumns candles) {
        return "{\"t\":" + Arrays.toString(candles.t()) + ",\"o\":" + Arrays.toString(candles.o())
                + ",\"h\":" + Arrays.toString(candles.h()) + ",\"l\":" + Arrays.toString(candles.l())
                + ",\"c\":" + Arrays.toString(candles.c()) + ",\"v\":" + Arrays.toString(candles.v()) + "}";
    }

    private static String path(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    private static String abbreviate(String text) {
        return text == null || text.length() < 600 ? String.valueOf(text) : text.substring(0, 600) + "...";
    }
}
