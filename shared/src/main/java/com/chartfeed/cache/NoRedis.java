package com.chartfeed.cache;

import com.chartfeed.candles.Interval;
import io.lettuce.core.AbstractRedisClient;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The cache without Redis (neither {@code redis.uri} nor {@code redis.uris} set): L1 alone, each
 * container reading versions from PostgreSQL. No L2 to read or fill, no fleet to tell of new
 * versions or to add counters and reads to, nothing to repair. Standing in for the Redis beans,
 * it spares their callers asking whether there is Redis; like them, it answers "nothing".
 */
@Singleton
@Requires(missingBeans = AbstractRedisClient.class)
final class NoRedis implements L2Cache, FleetStats, RecentReads, VersionRepair {
    private static final Map<String, Object> NO_FLEET_STATS =
            Map.of("available", false, "reason", "no L2 configured (REDIS_URI unset)");

    @Override
    @Nullable
    public Fetched fetch(List<CacheKey.Scope> scopes, List<CacheKey> keys, long[] held, RequestTimings timings) {
        return null;
    }

    /** Not counted: no key was looked up in an L2. */
    @Override
    public void missed() {
    }

    @Override
    public void store(CacheKey key, CacheEntry<?> entry, Duration retention) {
    }

    @Override
    public boolean storeAll(Map<CacheKey, byte[]> values, Duration retention) {
        return false;
    }

    @Override
    public Publication publish(String symbol, Map<Interval, Long> versions, Duration timeout) {
        return Publication.NO_FLEET;
    }

    @Override
    public void seed(Map<CacheKey.Scope, Long> versions, Map<CacheKey.Scope, String> identities) {
    }

    @Override
    public Breaker breaker() {
        return Breaker.DISABLED;
    }

    @Override
    public Map<String, Object> health() {
        return Map.of("status", CacheHealth.DISABLED);
    }

    @Override
    public Map<String, Object> info() {
        return Map.of("available", false);
    }

    @Override
    public void connect() {
    }

    @Override
    public void disconnect() {
    }

    @Override
    public void maybeFlush() {
    }

    @Override
    public void hold() {
    }

    @Override
    public void reset() {
    }

    @Override
    public Map<String, Object> report(Function<Map<String, Long>, Map<String, Object>> summary) {
        return NO_FLEET_STATS;
    }

    @Override
    public boolean enabled() {
        return false;
    }

    @Override
    public void record(CacheKey key) {
    }

    @Override
    public CompletableFuture<Boolean> flush() {
        return CompletableFuture.completedFuture(false);
    }

    @Override
    @Nullable
    public Recent recent(List<CacheKey.Scope> scopes, long window, int limit) {
        return null;
    }

    @Override
    public void maybeRun() {
    }
}
