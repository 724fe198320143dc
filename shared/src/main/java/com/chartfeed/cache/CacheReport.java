package com.chartfeed.cache;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.List;

/**
 * {@code GET /v1/cache/stats}: this container's L1 and L2 counters, the fleet-wide totals every
 * container adds to Redis, and Redis's own figures from {@code INFO}.
 */
@Singleton
public final class CacheReport {
    private static final List<String> INFO_FIELDS = List.of("used_memory", "used_memory_human", "maxmemory",
            "maxmemory_policy", "evicted_keys", "expired_keys", "keyspace_hits", "keyspace_misses");

    private final CacheStats stats;
    private final TieredCache cache;
    private final L2Cache l2;
    private final RedisCalls calls;
    private final FleetStats fleet;
    private final CacheSettings settings;

    public CacheReport(CacheStats stats, TieredCache cache, L2Cache l2, RedisCalls calls, FleetStats fleet, CacheSettings settings) {
        this.settings = settings;
        this.stats = stats;
        this.cache = cache;
        this.l2 = l2;
        this.calls = calls;
        this.fleet = fleet;
    }

    public Map<String, Object> report() {
        Map<String, Long> counters = stats.counters();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("container", summary(counters, true));
        if (l2.configured()) {
            // Bounded by the command deadline: the stats route must not wait on a slow Redis either.
            fleet.flushWithin(settings.redisCommandTimeout().toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Long> totals = fleet.totals();
            report.put("fleet", totals == null ? Map.of("available", false) : summary(totals, false));
            Map<String, String> info = redisInfo();
            report.put("redis", info == null ? Map.of("available", false) : info);
        } else {
            report.put("fleet", Map.of("available", false, "reason", "no L2 configured (REDIS_URI unset)"));
            report.put("redis", Map.of("available", false));
        }
        return report;
    }

    /** Redis's own figures from {@code INFO} (memory, evictions, hits), or {@code null}. */
    @Nullable
    private Map<String, String> redisInfo() {
        List<String> sections = calls.call("INFO", settings.redisCommandTimeout(), null,
                redis -> List.of(redis.info("memory"), redis.info("stats")));
        if (sections == null) {
            return null;
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String line : String.join("\n", sections).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon);
                if (INFO_FIELDS.contains(name)) {
                    wanted.put(name, line.substring(colon + 1).strip());
                }
            }
        }
        return wanted;
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
            redis.put("breaker", !l2.configured() ? "disabled" : l2.breakerOpen() ? "open" : "closed");
        }

        Map<String, Object> loads = new LinkedHashMap<>();
        loads.put("count", c.getOrDefault("loads", 0L));
        loads.put("totalMillis", c.getOrDefault("loadMillis", 0L));
        loads.put("failures", c.getOrDefault("loadFailures", 0L));
        loads.put("databaseReads", c.getOrDefault("databaseReads", 0L));
        loads.put("databaseSkipped", c.getOrDefault("databaseSkipped", 0L));
        loads.put("refreshedAhead", c.getOrDefault("refreshedAhead", 0L));
        loads.put("refreshFailures", c.getOrDefault("refreshFailures", 0L));

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
