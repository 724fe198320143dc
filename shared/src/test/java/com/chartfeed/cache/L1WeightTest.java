package com.chartfeed.cache;

import com.chartfeed.candles.Interval;
import com.chartfeed.indicators.IndicatorSeries;
import com.chartfeed.testing.TestServices;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** L1 holds at most its configured bytes, whatever the number of entries. */
class L1WeightTest {
    private static final long MAX_BYTES = 1 << 20;
    private static ApplicationContext context;

    @BeforeAll
    static void start() {
        context = TestServices.startOnPostgres(Map.of("cache.l1-maximum-weight", MAX_BYTES));
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void weightBoundHoldsWithThousandsOfEntries() {
        TieredCache cache = context.getBean(TieredCache.class);
        CacheStats stats = context.getBean(CacheStats.class);
        long evictionsBefore = stats.counters().get("l1Evictions");
        int entries = 3_000;
        long offered = 0;
        for (int i = 0; i < entries; i++) {
            int points = 100 + (i % 7) * 100; // 100..700 points: entries of different sizes
            IndicatorSeries series = series(points, i);
            offered += L1Cache.weigh(series);
            CacheKey key = new CacheKey("W" + i, Interval.H1, "sma:period=" + i);
            Lookup<IndicatorSeries> lookup = cache.get(key, () -> series, new RequestTimings());
            assertEquals(CacheSource.MISS, lookup.source());
        }
        TieredCache.L1Usage usage = cache.l1Usage();
        assertTrue(offered > 10 * MAX_BYTES, "the test offers far more than fits: " + offered);
        assertTrue(usage.weightBytes() <= MAX_BYTES, "weight " + usage.weightBytes() + " > " + MAX_BYTES);
        assertTrue(usage.weightBytes() > MAX_BYTES / 2, "and it is used: " + usage.weightBytes());
        assertTrue(usage.entries() < entries);
        assertTrue(stats.counters().get("l1Evictions") - evictionsBefore > 0);
    }

    private static IndicatorSeries series(int points, int seed) {
        long[] t = new long[points];
        double[] v = new double[points];
        for (int i = 0; i < points; i++) {
            t[i] = 1_700_000_000L + i * 3_600L;
            v[i] = seed + i * 0.5;
        }
        return new IndicatorSeries(t, new double[][] {v}, 0);
    }
}
