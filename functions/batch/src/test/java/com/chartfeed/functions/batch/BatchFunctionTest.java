package com.chartfeed.functions.batch;

import com.chartfeed.api.QueryParser;
import com.chartfeed.cache.CacheStats;
import com.chartfeed.cache.RequestTimings;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import com.chartfeed.indicators.IndicatorType;
import com.chartfeed.lambda.LocalLambdaContext;
import com.chartfeed.service.CandleWriter;
import com.chartfeed.service.IndicatorService;
import com.chartfeed.testing.ApiGatewayEvents;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.RedisServerProcess;
import com.chartfeed.testing.TcpProxy;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.chartfeed.testing.FunctionHarness.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The batch Lambda through its real handler, on PostgreSQL and a Redis of its own (so its
 * commands can be counted): order, isolation of bad items, work shared between items, one round
 * trip for the cached ones, and the deadline.
 */
class BatchFunctionTest {
    private static RedisServerProcess redis;
    private static FunctionHarness<BatchFunction> function;
    private static FunctionHarness<BatchFunction> other;

    @BeforeAll
    static void start() {
        redis = TestServices.startRedisServer();
        Map<String, Object> fleet = Map.of("redis.uri", redis.uri(), "cache.redis-command-timeout", "250ms");
        function = new FunctionHarness<>(BatchFunction::new, fleet);
        other = new FunctionHarness<>(BatchFunction::new, fleet);
    }

    @AfterAll
    static void stop() {
        function.close();
        other.close();
        redis.close();
    }

    @Test
    void resultsKeepRequestOrderAndBadItemsAreIsolated() {
        String symbol = upload(function.context, "ORDER", 300);
        APIGatewayV2HTTPResponse response = batch(function, "{\"requests\":["
                + item(symbol, "rsi", "1h", "{\"period\":7}", 3) + ","
                + item(symbol, "nope", "1h", null, 3) + ","
                + item(symbol, "macd", "1h", null, 2) + ","
                + item(symbol, "sma", "7m", null, 2) + ","
                + item("NOSUCH" + symbol.substring(0, 8), "sma", "1h", null, 2) + ","
                + item(symbol, "sma", "1h", "{\"period\":1}", 2) + "]}");
        assertEquals(200, response.getStatusCode(), response.getBody());
        List<Map<String, Object>> results = results(response);
        assertEquals(List.of(200, 404, 200, 400, 404, 400), results.stream().map(r -> status(r)).toList());
        assertEquals("rsi", data(results.get(0)).get("indicator"));
        assertEquals(Map.of("period", 7, "source", "close"), data(results.get(0)).get("params"));
        assertEquals(3, ((List<?>) data(results.get(0)).get("t")).size());
        assertEquals("macd", data(results.get(2)).get("indicator"));
        assertEquals(2, ((List<?>) data(results.get(2)).get("t")).size());
        assertTrue(errorFields(results.get(3)).contains("requests[3].interval"), results.get(3).toString());
        assertTrue(errorFields(results.get(5)).contains("requests[5].period"), results.get(5).toString());
        assertNull(results.get(0).get("error"));
        assertEquals("no-store", header(response, "Cache-Control"));
    }

    @Test
    void everyStudyOfTheCatalogueWorksInABatchWithItsBounds() {
        String symbol = upload(function.context, "STUDY", 300);
        APIGatewayV2HTTPResponse response = batch(function, "{\"requests\":["
                + item(symbol, "stochrsi", "1h", "{\"fastk\":7,\"fastdmatype\":\"ema\"}", 3) + ","
                + item(symbol, "cdlengulfing", "1h", null, 3) + ","
                + item(symbol, "sma", "1h", "{\"period\":301}", 3) + ","
                + item(symbol, "cci", "1h", "{\"period\":201}", 3) + ","
                + item(symbol, "ma", "1h", "{\"matype\":\"hull\"}", 3) + "]}");
        List<Map<String, Object>> results = results(response);
        assertEquals(List.of(200, 200, 400, 400, 400), results.stream().map(r -> status(r)).toList());
        assertEquals(Map.of("period", 14, "fastk", 7, "fastd", 3, "fastdmatype", "ema", "source", "close"),
                data(results.get(0)).get("params"));
        assertEquals(3, ((List<?>) ((Map<?, ?>) data(results.get(1)).get("series")).get("value")).size());
        assertTrue(errorFields(results.get(2)).contains("requests[2].period"), results.get(2).toString());
        assertTrue(results.get(2).toString().contains("at most the stored history, 300 candles"), results.get(2).toString());
        assertTrue(errorFields(results.get(3)).contains("requests[3].period"), results.get(3).toString());
        assertTrue(errorFields(results.get(4)).contains("requests[4].matype"), results.get(4).toString());
    }

    @Test
    void identicalItemsAreComputedOnceAndOneSymbolIsReadOnce() {
        String symbol = upload(function.context, "DUP", 300);
        CacheStats stats = function.context.getBean(CacheStats.class);
        long loads = stats.counters().get("loads");
        long reads = stats.databaseReads();
        APIGatewayV2HTTPResponse response = batch(function, "{\"requests\":["
                + item(symbol, "rsi", "1h", null, 3) + "," + item(symbol, "rsi", "1h", null, 3) + ","
                + item(symbol, "rsi", "1h", "{\"period\":14,\"source\":\"close\"}", 5) + ","
                + item(symbol, "macd", "1h", null, 3) + "," + item(symbol, "ema", "1h", null, 3) + "]}");
        List<Map<String, Object>> results = results(response);
        assertTrue(results.stream().allMatch(r -> status(r) == 200), response.getBody());
        assertEquals(1, stats.databaseReads() - reads, "one candle read for one symbol and interval");
        assertEquals(1 + 3, stats.counters().get("loads") - loads, "candles once, then rsi, macd and ema once each");
        assertEquals(data(results.get(0)), data(results.get(1)));
        assertEquals(5, ((List<?>) data(results.get(2)).get("t")).size());
        assertEquals(5, ((Number) meta(response).get("misses")).intValue());
    }

    @Test
    void cachedItemsComeFromOneRedisRoundTrip() throws Exception {
        String symbol = upload(function.context, "RTT", 300);
        StringBuilder body = new StringBuilder("{\"requests\":[");
        String[] indicators = {"sma", "ema", "wma", "dema", "tema", "trima", "kama", "rsi", "macd", "bbands"};
        for (int i = 0; i < indicators.length; i++) {
            body.append(i == 0 ? "" : ",").append(item(symbol, indicators[i], "1h", null, 10));
        }
        body.append("]}");
        APIGatewayV2HTTPResponse cold = batch(function, body.toString());
        assertEquals(10, ((Number) meta(cold).get("misses")).intValue());

        long mgetsBefore = redisCalls("mget");
        APIGatewayV2HTTPResponse fromL2 = batch(other, body.toString());
        assertEquals(1, redisCalls("mget") - mgetsBefore, "all ten cached items in one MGET");
        assertEquals(10, ((Number) meta(fromL2).get("l2Hits")).intValue());
        assertEquals(results(cold).stream().map(BatchFunctionTest::data).toList(),
                results(fromL2).stream().map(BatchFunctionTest::data).toList());
        assertEquals(10, ((Number) meta(batch(other, body.toString())).get("l1Hits")).intValue());
    }

    @Test
    void theDeadlineAnswers504ForUnfinishedItemsOnly() {
        try (FunctionHarness<BatchFunction> hurried = new FunctionHarness<>(BatchFunction::new,
                Map.of("batch.deadline", "1ms"))) {
            String small = upload(hurried.context, "FAST", 100);
            String big = upload(hurried.context, "SLOW", 50_000);
            // Cached beforehand, outside any batch deadline.
            hurried.context.getBean(IndicatorService.class).series(small, Interval.H1,
                    QueryParser.params(IndicatorType.SMA, Map.of()), new RequestTimings());
            APIGatewayV2HTTPResponse response = batch(hurried, "{\"requests\":["
                    + item(small, "sma", "1h", null, 2) + "," + item(big, "kama", "1h", null, 2) + "]}");
            List<Map<String, Object>> results = results(response);
            assertEquals(200, status(results.get(0)));
            assertEquals(504, status(results.get(1)));
            assertEquals(504, ((Number) ((Map<?, ?>) results.get(1).get("error")).get("status")).intValue());
        }
    }

    @Test
    void theDeadlineIsCutToWhatTheCurrentInvocationHasLeft() {
        String slow = upload(function.context, "LEFT", 50_000);
        String body = "{\"requests\":[" + item(slow, "kama", "1h", null, 2) + "]}";
        // batch.lambda-reserve is 300 ms: an invocation with 301 ms left gives its batch 1 ms.
        APIGatewayV2HTTPResponse hurried = function.handler.handleRequest(ApiGatewayEvents.request("POST",
                "/v1/indicators/batch", Map.of("Content-Type", "application/json"), body),
                new LocalLambdaContext("batch", 301));
        assertEquals(504, status(results(hurried).get(0)), hurried.getBody());
        // The next invocation has the whole default deadline again: the item, left running, is done or gets done.
        APIGatewayV2HTTPResponse relaxed = function.handler.handleRequest(ApiGatewayEvents.request("POST",
                "/v1/indicators/batch", Map.of("Content-Type", "application/json"), body),
                new LocalLambdaContext("batch", 60_000));
        assertEquals(200, status(results(relaxed).get(0)), relaxed.getBody());
    }

    @Test
    void aBodyOfTheWrongShapeIsA400() {
        String eleven = "{\"requests\":[" + String.join(",", java.util.Collections.nCopies(11,
                item("AAPL", "sma", "1h", null, 1))) + "]}";
        for (String body : List.of(eleven, "{\"requests\":[]}", "{\"requests\":{}}", "[]", "not json", "{}",
                "{\"requests\":[1,2]}x")) {
            APIGatewayV2HTTPResponse response = batch(function, body);
            assertEquals(400, response.getStatusCode(), body + " -> " + response.getBody());
            assertEquals("application/problem+json", header(response, "Content-Type"));
            assertTrue(response.getBody().contains("\"field\":\"requests\""), response.getBody());
        }
        List<Map<String, Object>> notObjects = results(batch(function, "{\"requests\":[1,\"x\"]}"));
        assertEquals(List.of(400, 400), notObjects.stream().map(r -> status(r)).toList());
    }

    /** A history longer than a study computes over names the item's interval, as the single route names its own. */
    @Test
    void aHistoryTooLongForTheStudyNamesTheItemsInterval() {
        String longer = TestServices.uniqueSymbol("HT");
        function.context.getBean(CandleWriter.class).upsert(longer, Interval.M1,
                TestCandles.randomWalk(longer, Interval.M1, IndicatorType.HT_HISTORY_MAX + 1, 50));
        List<Map<String, Object>> results = results(batch(function, "{\"requests\":["
                + item(longer, "ht_dcperiod", "1m", null, 2) + "," + item(longer, "ht_sine", "1m", null, 2) + "]}"));
        assertEquals(List.of(200, 400), results.stream().map(r -> status(r)).toList());
        assertEquals(List.of("requests[1].interval"), errorFields(results.get(1)), results.get(1).toString());
    }

    /**
     * Batch = single GET in a fault: Redis gone after another container stored new candles, this
     * one still holding the old series in L1. The version comes from PostgreSQL then, and an entry
     * of an older version is never a hit: the answer has the new candle.
     */
    @Test
    void anL1EntryOfAnOlderVersionIsNeverAHitWhenRedisIsGone() throws InterruptedException {
        try (RedisServerProcess own = TestServices.startRedisServer();
             FunctionHarness<BatchFunction> reader = new FunctionHarness<>(BatchFunction::new, Map.of(
                     "redis.uri", own.uri(), "cache.staleness-budget", "300ms", "cache.redis-command-timeout", "250ms"));
             FunctionHarness<BatchFunction> writer = new FunctionHarness<>(BatchFunction::new, Map.of(
                     "redis.uri", own.uri(), "cache.redis-command-timeout", "250ms"))) {
            String symbol = TestServices.uniqueSymbol("BOLD");
            CandleColumns candles = TestCandles.randomWalk(symbol, Interval.H1, 301, 40);
            writer.context.getBean(CandleWriter.class).upsert(symbol, Interval.H1, candles.slice(0, 300));
            String body = "{\"requests\":[" + item(symbol, "sma", "1h", null, 2) + "]}";
            assertEquals(1, ((Number) meta(batch(reader, body)).get("misses")).intValue());
            assertEquals(1, ((Number) meta(batch(reader, body)).get("l1Hits")).intValue(), "warm in L1");

            writer.context.getBean(CandleWriter.class).upsert(symbol, Interval.H1, candles.slice(300, 301));
            own.stop();
            Thread.sleep(400);

            APIGatewayV2HTTPResponse answer = batch(reader, body);
            Map<String, Object> result = results(answer).get(0);
            assertEquals(200, status(result), answer.getBody());
            List<?> t = (List<?>) data(result).get("t");
            assertEquals(candles.t()[300], ((Number) t.get(t.size() - 1)).longValue(), "the old series was served");
            assertEquals(0, ((Number) meta(answer).get("l1Hits")).intValue(), answer.getBody());
        }
    }

    /**
     * Batch = single GET when neither Redis nor PostgreSQL answers: past the budget the reader
     * cannot confirm its L1 entry, so the item is {@code STALE} (or {@code 503}), never a hit.
     */
    @Test
    void anItemThatCannotBeConfirmedIsStaleWhenNeitherRedisNorTheDatabaseAnswers() throws InterruptedException {
        URI postgres = URI.create(TestServices.postgresUrl().substring("jdbc:".length()));
        try (RedisServerProcess own = TestServices.startRedisServer();
             TcpProxy proxy = TcpProxy.to(postgres.getHost(), postgres.getPort());
             FunctionHarness<BatchFunction> reader = new FunctionHarness<>(BatchFunction::new, Map.of(
                     "redis.uri", own.uri(), "cache.staleness-budget", "300ms", "cache.redis-command-timeout", "250ms",
                     "datasources.default.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + postgres.getPath(),
                     "datasources.default.connection-timeout", "500"));
             FunctionHarness<BatchFunction> writer = new FunctionHarness<>(BatchFunction::new, Map.of(
                     "redis.uri", own.uri(), "cache.redis-command-timeout", "250ms"))) {
            String symbol = TestServices.uniqueSymbol("BNONE");
            CandleColumns candles = TestCandles.randomWalk(symbol, Interval.H1, 301, 40);
            CandleWriter candleWriter = writer.context.getBean(CandleWriter.class);
            candleWriter.upsert(symbol, Interval.H1, candles.slice(0, 300));
            String body = "{\"requests\":[" + item(symbol, "sma", "1h", null, 2) + "]}";
            assertEquals(1, ((Number) meta(batch(reader, body)).get("misses")).intValue());
            assertEquals(1, ((Number) meta(batch(reader, body)).get("l1Hits")).intValue(), "warm in L1");

            candleWriter.upsert(symbol, Interval.H1, candles.slice(300, 301));
            own.stop();
            proxy.cut();
            Thread.sleep(400);

            for (int i = 0; i < 3; i++) {
                APIGatewayV2HTTPResponse answer = batch(reader, body);
                Map<String, Object> result = results(answer).get(0);
                assertEquals(0, ((Number) meta(answer).get("l1Hits")).intValue(), answer.getBody());
                if (status(result) == 200) {
                    assertEquals(1, ((Number) meta(answer).get("stale")).intValue(), answer.getBody());
                } else {
                    assertEquals(503, status(result), answer.getBody());
                }
            }
        }
    }

    private static String upload(ApplicationContext context, String prefix, int candles) {
        String symbol = TestServices.uniqueSymbol(prefix);
        context.getBean(CandleWriter.class).upsert(symbol, Interval.H1,
                TestCandles.randomWalk(symbol, Interval.H1, candles, 40));
        return symbol;
    }

    private static String item(String symbol, String indicator, String interval, String params, int limit) {
        return "{\"symbol\":\"" + symbol + "\",\"indicator\":\"" + indicator + "\",\"interval\":\"" + interval + "\""
                + (params == null ? "" : ",\"params\":" + params) + ",\"limit\":" + limit + "}";
    }

    private static APIGatewayV2HTTPResponse batch(FunctionHarness<BatchFunction> target, String body) {
        return target.invoke("POST", "/v1/indicators/batch", Map.of("Content-Type", "application/json"), body);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(APIGatewayV2HTTPResponse response) {
        assertEquals(200, response.getStatusCode(), response.getBody());
        return (List<Map<String, Object>>) function.body(response).get("results");
    }

    private static Map<?, ?> meta(APIGatewayV2HTTPResponse response) {
        return (Map<?, ?>) function.body(response).get("meta");
    }

    private static int status(Map<String, Object> result) {
        return ((Number) result.get("status")).intValue();
    }

    private static Map<?, ?> data(Map<String, Object> result) {
        return (Map<?, ?>) result.get("data");
    }

    private static List<Object> errorFields(Map<String, Object> result) {
        List<Object> fields = new ArrayList<>();
        for (Object error : (List<?>) ((Map<?, ?>) result.get("error")).get("errors")) {
            fields.add(((Map<?, ?>) error).get("field"));
        }
        return fields;
    }

    /** How many times Redis ran {@code command}, from its own INFO commandstats. */
    private static long redisCalls(String command) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", redis.port());
             OutputStream out = socket.getOutputStream();
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                     StandardCharsets.UTF_8))) {
            out.write("*2\r\n$4\r\nINFO\r\n$12\r\ncommandstats\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            int length = Integer.parseInt(in.readLine().substring(1));
            char[] text = new char[length];
            int read = 0;
            while (read < length) {
                read += in.read(text, read, length - read);
            }
            for (String line : new String(text).split("\r\n")) {
                if (line.startsWith("cmdstat_" + command + ":calls=")) {
                    return Long.parseLong(line.substring(line.indexOf("calls=") + 6, line.indexOf(',')));
                }
            }
            return 0;
        }
    }
}
