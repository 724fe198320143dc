package com.chartfeed.cache;

import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /v1/cache/stats}: this container's L1 and L2 counters, the fleet-wide totals every
 * container adds to Redis, and Redis's own figures from {@code INFO}.
 */
@Singleton
public final class CacheReport {
    private final CacheStats stats;
    private final TieredCache cache;
    private final L2Cache l2;
    private final FleetStats fleet;

    public CacheReport(CacheStats stats, TieredCache cache, L2Cache l2, FleetStats fleet) {
        this.stats = stats;
        this.cache = cache;
        this.l2 = l2;
        this.fleet = fleet;
    }

    public Map<String, Object> report() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("container", summary(stats.counters(), true));
        report.put("fleet", fleet.report(totals -> summary(totals, false)));
        report.put("redis", l2.info());
        return report;
    }

    private Map<String, Object> summary(Map<String, Long> c, boolean local) {
        long l1Hits = c.getOrDefault("l1Hits", 0L);
        long l1Lookups = l1Hits + c.getOrDefault("l1Misses", 0L);
        long l2Hits = c.getOrDefault("l2Hits", 0L);
        long l2Lookups = l2Hits + c.getOrDefault("l2Misses", 0L);
        long stale = c.getOrDefault("stale", 0L);

        Map<String, Object> l1 = new LinkedHashMap<>();
        l1.put("hits", l1Hits);
        l1.put("misses", c.getOrDefault("l1Misses", 0L));
        l1.put("hitRate", CacheStats.hitRate(l1Hits, l1Lookups));
        if (local) {
            TieredCache.L1Usage usage = cache.l1Usage();
            l1.put("entries", usage.entries());
            l1.put("weightBytes", usage.weightBytes());
            l1.put("maximumWeightBytes", usage.maximumWeightBytes());
        }
        l1.put("evictions", c.getOrDefault("l1Evictions", 0L));
        l1.put("expirations", c.getOrDefault("l1Expirations", 0L));

        Map<String, Object> redis = new LinkedHashMap<>();
        redis.put("hits", l2Hits);
        redis.put("misses", c.getOrDefault("l2Misses", 0L));
        redis.put("hitRate", CacheStats.hitRate(l2Hits, l2Lookups));
        redis.put("errors", c.getOrDefault("l2Errors", 0L));
        redis.put("timeouts", c.getOrDefault("l2Timeouts", 0L));
        redis.put("skipped", c.getOrDefault("l2Skipped", 0L));
        redis.put("connects", c.getOrDefault("redisConnects", 0L));
        redis.put("versionRepairFailures", c.getOrDefault("versionRepairFailures", 0L));
        if (local) {
            redis.put("breaker", l2.breaker().label());
        }

        Map<String, Object> loads = new LinkedHashMap<>();
        loads.put("count", c.getOrDefault("loads", 0L));
        loads.put("totalMillis", c.getOrDefault("loadMillis", 0L));
        loads.put("failures", c.getOrDefault("loadFailures", 0L));
        loads.put("databaseReads", c.getOrDefault("databaseReads", 0L));
        loads.put("databaseSkipped", c.getOrDefault("databaseSkipped", 0L));
        loads.put("refreshedAhead", c.getOrDefault("refreshedAhead", 0L));
        loads.put("refreshFailures", c.getOrDefault("refreshFailures", 0L));
        // Candle histories: read whole, or patched by the rows changed since a cached version.
        loads.put("fullLoads", c.getOrDefault("fullLoads", 0L));
        loads.put("patchedLoads", c.getOrDefault("patchedLoads", 0L));
        loads.put("candleRowsRead", c.getOrDefault("candleRowsRead", 0L));
        loads.put("patchedSeries", c.getOrDefault("patchedSeries", 0L));

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("requests", l1Lookups);
        summary.put("hitRate", CacheStats.hitRate(l1Hits + l2Hits + stale, l1Lookups));
        summary.put("stale", stale);
        summary.put("l1", l1);
        summary.put("l2", redis);
        summary.put("loads", loads);
        return summary;
    }
}
