package com.chartfeed.functions.indicator;

import com.chartfeed.cache.CacheReport;
import com.chartfeed.cache.CacheStats;
import com.chartfeed.candles.Interval;
import com.chartfeed.service.CandleWriter;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.RedisServerProcess;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static com.chartfeed.testing.FunctionHarness.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SnapStart restores one snapshot in many containers: whatever the priming requests counted
 * before it must not be counted again by each of them. Run with the real hooks, on PostgreSQL and
 * a Redis of the test's own (so {@code cf:stats} holds this container's flushes only), flushing
 * the fleet totals at every request: nothing primed reaches the fleet hash before the snapshot,
 * this container's counters ({@code GET /v1/cache/stats}, "container") start from zero after the
 * restore, and the fleet hash then holds exactly what the real invocations after it counted.
 */
class SnapStartCountersTest {
    private RedisServerProcess redis;
    private FunctionHarness<IndicatorFunction> function;

    @AfterEach
    void stop() {
        if (function != null) {
            function.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void countersAndFleetTotalsStartFromZeroAfterARestore() {
        redis = TestServices.startRedisServer();
        String symbol = TestServices.uniqueSymbol("SNAPCNT");
        try (ApplicationContext writer = TestServices.startOnPostgres(Map.of())) {
            writer.getBean(CandleWriter.class).upsert(symbol, Interval.H1, TestCandles.randomWalk(symbol, Interval.H1, 300, 80));
        }
        function = new FunctionHarness<>(IndicatorFunction::new, Map.of(
                "redis.uri", redis.uri(),
                // every request is due to flush, so that priming would have flushed if it could
                "cache.stats-flush-interval", "1ms",
                "cache.redis-command-timeout", "250ms"));

        function.handler.snapStart().beforeCheckpoint(null);
        assertEquals(Map.of(), fleetHash(), "the priming requests' counters reached the fleet totals");

        function.handler.snapStart().afterRestore(null);
        Map<String, Long> restored = new LinkedHashMap<>(function.context.getBean(CacheStats.class).counters());
        // The restore's own reconnect, in the background, may already have counted.
        assertTrue(restored.remove("redisConnects") <= 1, "connects after the restore: " + restored);
        assertEquals(zeros(restored), restored, "counters after the restore");

        String path = "/v1/indicators/" + symbol + "/rsi?interval=1h&limit=10";
        APIGatewayV2HTTPResponse miss = function.get(path);
        assertEquals(200, miss.getStatusCode(), miss.getBody());
        assertEquals("MISS", header(miss, "X-Cache"));
        assertEquals("HIT-L1", header(function.get(path), "X-Cache"));

        // What GET /v1/cache/stats answers in this container (it flushes first).
        Map<String, Object> report = function.context.getBean(CacheReport.class).report();
        Map<?, ?> container = (Map<?, ?>) report.get("container");
        assertEquals(1L, number(container, "l1", "hits"), "the HIT-L1: " + report);
        assertEquals(1L, number(container, "loads", "databaseReads"), "the MISS's one read: " + report);
        assertEquals(1L, number(container, "l2", "connects"), "the restore's connection, not the priming's: " + report);
        Map<?, ?> fleet = (Map<?, ?>) report.get("fleet");
        assertEquals(1L, number(fleet, "l1", "hits"), "fleet: " + report);
        assertEquals(1L, number(fleet, "l2", "connects"), "fleet: " + report);
        assertEquals(nonZero(function.context.getBean(CacheStats.class).counters()), fleetHash(),
                "cf:stats holds exactly what was counted after the restore");
    }

    /** {@code cf:stats} as Redis holds it, read with a client of the test's own. */
    private Map<String, Long> fleetHash() {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            Map<String, Long> hash = new LinkedHashMap<>();
            connection.sync().hgetall("cf:stats").forEach((k, v) -> hash.put(k, Long.parseLong(v)));
            return nonZero(hash);
        } finally {
            client.shutdown();
        }
    }

    private static Map<String, Long> zeros(Map<String, Long> counters) {
        Map<String, Long> zeros = new LinkedHashMap<>();
        counters.keySet().forEach(name -> zeros.put(name, 0L));
        return zeros;
    }

    private static Map<String, Long> nonZero(Map<String, Long> counters) {
        Map<String, Long> nonZero = new TreeMap<>();
        counters.forEach((name, value) -> {
            if (value != 0) {
                nonZero.put(name, value);
            }
        });
        return nonZero;
    }

    private static long number(Map<?, ?> report, String section, String name) {
        return ((Number) ((Map<?, ?>) report.get(section)).get(name)).longValue();
    }
}
