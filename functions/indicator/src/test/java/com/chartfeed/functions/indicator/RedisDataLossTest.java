package com.chartfeed.functions.indicator;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.Csv;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.OwnRedis;
import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.chartfeed.testing.FunctionHarness.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The staleness promise when Redis loses or rolls back data. Two containers (A writes, B reads)
 * on one real {@code redis-server} of the test's own and the real PostgreSQL: whatever Redis
 * forgets (restart, {@code FLUSHALL}), rolls back (a crash and restart from an older snapshot, as a
 * failover to a replica that missed the last writes looks) or cannot say (paused with
 * {@code SIGSTOP}), B answers with the candles PostgreSQL holds within the staleness budget
 * (plus one request once Redis answers again), never with an older value marked current.
 * {@link RedisClusterDataLossTest} runs the same on a three-node Redis Cluster.
 */
class RedisDataLossTest {
    private static final long BUDGET_MILLIS = 1_000;
    private static final long BREAKER_MILLIS = 500;

    private OwnRedis redis;
    private FunctionHarness<IndicatorFunction> writer;
    private FunctionHarness<IndicatorFunction> reader;
    private String symbol;
    private CandleColumns candles;
    private int stored;

    /** The Redis the containers share: one server here. */
    OwnRedis startRedis() {
        return OwnRedis.standalone();
    }

    @BeforeEach
    void start() {
        redis = startRedis();
        Map<String, Object> fleet = new HashMap<>(redis.properties());
        fleet.putAll(Map.of("cache.staleness-budget", BUDGET_MILLIS + "ms",
                "cache.breaker-open-for", BREAKER_MILLIS + "ms",
                // Fleet stats fall due during a pause: their flush must not make a request wait.
                "cache.stats-flush-interval", "200ms",
                // Production's deadlines: what a paused Redis may cost a chart request.
                "cache.redis-command-timeout", "50ms",
                "cache.redis-bulk-timeout", "2s"));
        writer = new FunctionHarness<>(IndicatorFunction::new, fleet);
        reader = new FunctionHarness<>(IndicatorFunction::new, fleet);
        symbol = TestServices.uniqueSymbol("LOSS");
        candles = TestCandles.randomWalk(symbol, Interval.H1, 300, 80);
        stored = 290;
        assertEquals(200, writer.putCsv(symbol, "1h", Csv.of(candles.slice(0, stored))).getStatusCode());
    }

    @AfterEach
    void stop() {
        reader.close();
        writer.close();
        redis.close();
    }

    @Test
    void redisRestartedEmptyWhileReadersHoldWarmL1() throws InterruptedException {
        warmReader();
        redis.restart(symbol);
        awaitWriterBackOnRedis();
        writeOneMoreCandle();
        assertReaderSeesTheNewCandleWithinTheBudget();
    }

    @Test
    void redisFlushed() throws InterruptedException {
        warmReader();
        redis.flushAll();
        writeOneMoreCandle();
        assertReaderSeesTheNewCandleWithinTheBudget();
    }

    @Test
    void redisRestartedFromAnOlderSnapshot() throws InterruptedException {
        warmReader();
        redis.save(symbol);
        writeOneMoreCandle();
        assertReaderSeesTheNewCandleWithinTheBudget();
        // Both layers now hold values with the new candle, and Redis's generation says so: a crash
        // brings back the snapshot's generation and values, from before the candle.
        redis.crashAndRestartFromSnapshot(symbol);
        Thread.sleep(BUDGET_MILLIS + 200);
        for (FunctionHarness<IndicatorFunction> container : List.of(reader, writer)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(lastTime(), lastCandleTime(container), "a container went back to the snapshot");
                assertEquals(lastTime(), lastSmaTime(container), "a series went back to the snapshot");
            }
        }
    }

    @Test
    void redisPausedLongerThanTheBreakerInterval() throws InterruptedException {
        warmReader();
        redis.pause(symbol);
        try {
            long pausedUntil = System.nanoTime() + 3 * BREAKER_MILLIS * 1_000_000;
            // The writer finds Redis hanging first, so its breaker skips Redis for the write: the new
            // version is not even sent (a command sent to a paused server would land on resume).
            assertEquals(200, writer.get(smaPath()).getStatusCode());
            APIGatewayV2HTTPResponse written = writer.putCsv(symbol, "1h", Csv.of(candles.slice(stored, stored + 1)));
            assertEquals(200, written.getStatusCode(), written.getBody());
            assertEquals(false, writer.body(written).get("invalidatedFleetWide"), "Redis did not take it");
            stored++;
            int slowest = 0;
            while (System.nanoTime() < pausedUntil) {
                long start = System.nanoTime();
                APIGatewayV2HTTPResponse answer = reader.get(smaPath());
                int millis = (int) ((System.nanoTime() - start) / 1_000_000);
                assertEquals(200, answer.getStatusCode(), answer.getBody());
                slowest = Math.max(slowest, millis);
                Thread.sleep(20);
            }
            assertTrue(slowest < 150, "a cached read waited " + slowest + " ms on a paused Redis");
        } finally {
            redis.resume(symbol);
        }
        // Redis answers again, still holding the generation from before the write it never got.
        reader.get(smaPath());
        Thread.sleep(BUDGET_MILLIS + 200);
        assertEquals(lastTime(), lastSmaTime(reader));
        assertEquals(lastTime(), lastCandleTime(reader));
        // The version Redis missed reaches it: a container that saw nothing of the outage is current too.
        try (FunctionHarness<IndicatorFunction> bystander = new FunctionHarness<>(IndicatorFunction::new,
                redis.properties())) {
            assertEquals(lastTime(), lastSmaTime(bystander));
            assertFalse(header(bystander.get(smaPath()), "X-Cache").equals("STALE"));
        }
    }

    @Test
    void aPutDoesNotWaitForAPausedRedis() throws InterruptedException {
        warmReader();
        // The writer's breaker is closed: its publish of the new version is the call that finds
        // Redis hanging, and a request may wait for it no longer than the command deadline.
        redis.pause(symbol);
        APIGatewayV2HTTPResponse written;
        long millis;
        try {
            long start = System.nanoTime();
            written = writer.putCsv(symbol, "1h", Csv.of(candles.slice(stored, stored + 1)));
            millis = (System.nanoTime() - start) / 1_000_000;
        } finally {
            redis.resume(symbol);
        }
        assertEquals(200, written.getStatusCode(), written.getBody());
        stored++;
        assertTrue(millis < 500, "the PUT waited " + millis + " ms on a paused Redis (deadline 50 ms)");
        assertEquals(false, writer.body(written).get("invalidatedFleetWide"), "Redis did not take it in time");
        // The version reaches Redis by a repair once it answers again (any container's, on a
        // request, at least every repair interval): a container that saw nothing of the pause
        // answers with the candle within the budget of that.
        try (FunctionHarness<IndicatorFunction> bystander = new FunctionHarness<>(IndicatorFunction::new,
                redis.properties())) {
            long resumed = System.nanoTime();
            long until = resumed + (BREAKER_MILLIS + 1_000 + BUDGET_MILLIS + 1_000) * 1_000_000;
            while (lastSmaTime(bystander) != lastTime() && System.nanoTime() < until) {
                reader.get(smaPath());
                Thread.sleep(50);
            }
            assertEquals(lastTime(), lastSmaTime(bystander), "no container published the version Redis missed");
        }
        // Published: the reader, which held the series in L1, notices within the budget.
        Thread.sleep(BUDGET_MILLIS + 200);
        assertEquals(lastTime(), lastSmaTime(reader), "the reader that held the series in L1");
    }

    /** B holds the series and the candles in L1, current as of now. */
    private void warmReader() {
        assertEquals(lastTime(), lastSmaTime(reader));
        assertEquals("HIT-L1", header(reader.get(smaPath()), "X-Cache"));
        assertEquals(lastTime(), lastCandleTime(reader));
    }

    private void writeOneMoreCandle() {
        APIGatewayV2HTTPResponse written = writer.putCsv(symbol, "1h", Csv.of(candles.slice(stored, stored + 1)));
        assertEquals(200, written.getStatusCode(), written.getBody());
        assertEquals(true, writer.body(written).get("invalidatedFleetWide"), "Redis took the new version");
        stored++;
    }

    /** After a restart, the writer's breaker (opened by the dropped connection) has closed again. */
    private void awaitWriterBackOnRedis() throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < until) {
            writer.get("/v1/candles/" + symbol + "?interval=1h&limit=1");
            if (writer.context.getBean(com.chartfeed.cache.CacheHealth.class).check().status().equals("UP")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the writer never got back to Redis");
    }

    private void assertReaderSeesTheNewCandleWithinTheBudget() throws InterruptedException {
        Thread.sleep(BUDGET_MILLIS + 200);
        assertEquals(lastTime(), lastSmaTime(reader), "the series B serves lacks the new candle");
        assertEquals(lastTime(), lastCandleTime(reader), "the candles B serves lack the new one");
    }

    private long lastTime() {
        return candles.t()[stored - 1];
    }

    private String smaPath() {
        return "/v1/indicators/" + symbol + "/sma?interval=1h&period=20&limit=3";
    }

    private long lastSmaTime(FunctionHarness<IndicatorFunction> container) {
        return last(container, smaPath());
    }

    private long lastCandleTime(FunctionHarness<IndicatorFunction> container) {
        return last(container, "/v1/candles/" + symbol + "?interval=1h&limit=3");
    }

    @SuppressWarnings("unchecked")
    private static long last(FunctionHarness<IndicatorFunction> container, String path) {
        APIGatewayV2HTTPResponse answer = container.get(path);
        assertEquals(200, answer.getStatusCode(), answer.getBody());
        List<Number> t = (List<Number>) container.body(answer).get("t");
        return t.get(t.size() - 1).longValue();
    }
}
