package com.chartfeed.cache;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import com.chartfeed.ingestion.RefreshAhead;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whether there is Redis is decided once, by the beans the context makes ({@code redis.uri} set or
 * not), and each side behaves as the reports and counters say: without Redis the cache is L1
 * alone, counts no L2 misses, reaches no fleet and shows L2 {@code DISABLED}; with it, the same
 * lookup counts an L2 miss and an invalidation is fleet-wide.
 */
class RedisOrNotTest {

    @Test
    void withoutRedisTheCacheIsL1AloneAndSaysSo() {
        try (ApplicationContext context = TestServices.startOnPostgres(Map.of("cache.refresh-ahead.enabled", true))) {
            assertEquals(Map.of("status", CacheHealth.DISABLED), context.getBean(CacheHealth.class).check().l2());
            Map<String, Object> report = context.getBean(CacheReport.class).report();
            assertEquals(Map.of("available", false, "reason", "no L2 configured (REDIS_URI unset)"), report.get("fleet"));
            assertEquals(Map.of("available", false), report.get("redis"));
            assertEquals("disabled", l2Section(report).get("breaker"));

            Map<String, Long> misses = missOnce(context, "NOREDIS");
            assertEquals(1, misses.get("l1Misses"), "the miss is counted in L1");
            assertEquals(0, misses.get("l2Misses"), "no L2 to miss in");

            CacheInvalidator invalidator = context.getBean(CacheInvalidator.class);
            assertFalse(invalidator.invalidate(TestServices.uniqueSymbol("NOREDIS"), Interval.H1,
                    CacheInvalidator.Waiting.REQUEST).fleetWide());
            assertFalse(invalidator.invalidateAll(List.of()).fleetWide(), "no fleet, not even for no symbols");
            assertFalse(context.getBean(RefreshAhead.class).enabled(), "nothing to refresh into");
        }
    }

    @Test
    void withRedisTheSameLookupsReachIt() {
        try (ApplicationContext context = TestServices.startOnPostgres(Map.of("redis.uri", TestServices.redisUri(),
                "cache.redis-command-timeout", "2s"))) {
            context.getBean(L2Cache.class).connect();
            assertEquals(CacheHealth.UP, context.getBean(CacheHealth.class).check().l2().get("status"));
            assertEquals("closed", l2Section(context.getBean(CacheReport.class).report()).get("breaker"));

            Map<String, Long> misses = missOnce(context, "WITHREDIS");
            assertEquals(1, misses.get("l1Misses"));
            assertEquals(1, misses.get("l2Misses"), "looked up in Redis, and not there");

            CacheInvalidator invalidator = context.getBean(CacheInvalidator.class);
            assertTrue(invalidator.invalidate(TestServices.uniqueSymbol("WITHREDIS"), Interval.H1,
                    CacheInvalidator.Waiting.REQUEST).fleetWide());
            assertTrue(invalidator.invalidateAll(List.of()).fleetWide());
        }
    }

    /** The counters a lookup of a key nobody cached adds: a load, after L1 and (if any) L2. */
    private static Map<String, Long> missOnce(ApplicationContext context, String prefix) {
        CacheStats stats = context.getBean(CacheStats.class);
        Map<String, Long> before = stats.counters();
        String symbol = TestServices.uniqueSymbol(prefix);
        CandleColumns candles = TestCandles.randomWalk(symbol, Interval.H1, 10, 100);
        Lookup<CandleColumns> lookup = context.getBean(TieredCache.class)
                .get(CacheKey.candles(symbol, Interval.H1), () -> candles, new RequestTimings());
        assertEquals(CacheSource.MISS, lookup.source());
        Map<String, Long> after = stats.counters();
        return Map.of("l1Misses", after.get("l1Misses") - before.get("l1Misses"),
                "l2Misses", after.get("l2Misses") - before.get("l2Misses"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> l2Section(Map<String, Object> report) {
        return (Map<String, Object>) ((Map<String, Object>) report.get("container")).get("l2");
    }
}
