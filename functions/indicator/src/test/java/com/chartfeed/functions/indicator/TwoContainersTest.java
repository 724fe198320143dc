package com.chartfeed.functions.indicator;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.Csv;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.chartfeed.testing.FunctionHarness.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two application contexts on one Redis and one PostgreSQL behave as two Lambda containers of the
 * fleet: L1 is per container, L2 is shared, and an upload through one is served by the other
 * within the staleness budget. {@link ClusterTwoContainersTest} runs the same on a Redis Cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoContainersTest {
    FunctionHarness<IndicatorFunction> first;
    FunctionHarness<IndicatorFunction> second;
    String symbol;
    private CandleColumns candles;

    /** Where the containers find their L2: the shared test Redis here. */
    Map<String, Object> redis() {
        return Map.of("redis.uri", TestServices.redisUri());
    }

    /** A symbol no other test uses. */
    String newSymbol() {
        return TestServices.uniqueSymbol("TWO");
    }

    @BeforeAll
    void start() {
        Map<String, Object> fleet = new HashMap<>(redis());
        fleet.putAll(Map.of("cache.staleness-budget", "1s",
                "cache.redis-command-timeout", TestServices.COHERENCE_REDIS_TIMEOUT));
        first = new FunctionHarness<>(IndicatorFunction::new, fleet);
        second = new FunctionHarness<>(IndicatorFunction::new, fleet);
    }

    @AfterAll
    void stop() {
        first.close();
        second.close();
    }

    @BeforeEach
    void upload() {
        symbol = newSymbol();
        candles = TestCandles.randomWalk(symbol, Interval.H1, 500, 100);
        assertEquals(200, first.putCsv(symbol, "1h", Csv.of(candles)).getStatusCode());
    }

    @Test
    void missThenL1InTheSameContainerThenL2InTheOther() {
        String path = "/v1/indicators/" + symbol + "/ema?interval=1h&limit=10";
        APIGatewayV2HTTPResponse miss = first.get(path);
        assertEquals("MISS", header(miss, "X-Cache"));
        APIGatewayV2HTTPResponse l1 = first.get(path);
        assertEquals("HIT-L1", header(l1, "X-Cache"));
        APIGatewayV2HTTPResponse l2 = second.get(path);
        assertEquals("HIT-L2", header(l2, "X-Cache"));
        assertEquals("HIT-L1", header(second.get(path), "X-Cache"));

        assertEquals(miss.getBody(), l1.getBody());
        assertEquals(miss.getBody(), l2.getBody());
        // Another window of the same series is the same entry: no new key, no recomputation.
        assertEquals("HIT-L1", header(first.get("/v1/indicators/" + symbol + "/ema?interval=1h&limit=3"), "X-Cache"));
        // Same params in another order and spelled-out defaults: the same canonical key.
        assertEquals("HIT-L1", header(first.get("/v1/indicators/" + symbol
                + "/ema?source=close&period=30&interval=1h"), "X-Cache"));
    }

    @Test
    void cacheHeadersTellWhereTheAnswerCameFrom() {
        APIGatewayV2HTTPResponse miss = first.get("/v1/indicators/" + symbol + "/rsi?interval=1h&limit=5");
        String timing = header(miss, "Server-Timing");
        for (String part : List.of("l1;dur=", "l2;dur=", "db;dur=", "compute;dur=")) {
            assertTrue(timing.contains(part), timing);
        }
        assertEquals("public, max-age=300", header(miss, "Cache-Control"));
        APIGatewayV2HTTPResponse minute = first.get("/v1/candles/AAPLNOTTHERE?interval=1m");
        assertEquals(404, minute.getStatusCode());
    }

    @Test
    void matchingIfNoneMatchIsA304WithoutBody() {
        String path = "/v1/indicators/" + symbol + "/macd?interval=1h&limit=50";
        APIGatewayV2HTTPResponse full = first.get(path);
        String etag = header(full, "ETag");
        assertTrue(etag != null && etag.startsWith("\""), String.valueOf(etag));

        APIGatewayV2HTTPResponse notModified = second.get(path, Map.of("If-None-Match", etag));
        assertEquals(304, notModified.getStatusCode());
        assertTrue(notModified.getBody() == null || notModified.getBody().isEmpty());
        assertEquals(etag, header(notModified, "ETag"));

        String otherWindow = header(first.get("/v1/indicators/" + symbol + "/macd?interval=1h&limit=49"), "ETag");
        assertNotEquals(etag, otherWindow);
        assertEquals(200, first.get(path, Map.of("If-None-Match", "\"something-else\"")).getStatusCode());
    }

    @Test
    void anUploadThroughOneIsServedByTheOtherWithinTheStalenessBudget() throws InterruptedException {
        String path = "/v1/indicators/" + symbol + "/sma?interval=1h&period=2&limit=1";
        double before = lastValue(second.get(path));
        assertEquals("HIT-L1", header(second.get(path), "X-Cache"));

        long next = candles.t()[candles.size() - 1] + 3_600;
        String csv = "time,open,high,low,close,volume\n" + next + ",100,1000,90,1000,5\n";
        APIGatewayV2HTTPResponse put = first.putCsv(symbol, "1h", csv);
        assertEquals(true, first.body(put).get("invalidatedFleetWide"));
        double expected = (candles.c()[candles.size() - 1] + 1000) / 2;

        // The writer's own container sees it at once.
        assertEquals(expected, lastValue(first.get(path)), 1e-9);
        // The other one within the budget (1 s) — and then for good.
        Thread.sleep(1_100);
        APIGatewayV2HTTPResponse after = second.get(path);
        assertNotEquals(before, lastValue(after));
        assertEquals(expected, lastValue(after), 1e-9);
    }

    @Test
    void aNewSymbolUploadedThroughOneIsFoundByTheOtherWithinTheStalenessBudget() throws InterruptedException {
        String newco = TestServices.uniqueSymbol("NEWCO");
        String path = "/v1/candles/" + newco + "?interval=1h";
        assertEquals(404, second.get(path).getStatusCode());

        APIGatewayV2HTTPResponse put = first.putCsv(newco, "1h", Csv.of(TestCandles.randomWalk(newco, Interval.H1, 20, 10)));
        long acknowledged = System.nanoTime();
        assertEquals(200, put.getStatusCode(), put.getBody());
        // The budget (1 s) and some slack, counted from the acknowledgement.
        Thread.sleep(Math.max(0, 1_200 - (System.nanoTime() - acknowledged) / 1_000_000));
        APIGatewayV2HTTPResponse found = second.get(path);
        assertEquals(200, found.getStatusCode(), "a new symbol is unknown no longer than the budget: " + found.getBody());
        assertEquals(20, ((List<?>) second.body(found).get("t")).size());
    }

    private double lastValue(APIGatewayV2HTTPResponse response) {
        assertEquals(200, response.getStatusCode(), response.getBody());
        Map<?, ?> series = (Map<?, ?>) first.body(response).get("series");
        List<?> values = (List<?>) series.values().iterator().next();
        return ((Number) values.get(values.size() - 1)).doubleValue();
    }
}
