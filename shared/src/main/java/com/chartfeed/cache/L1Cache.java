package com.chartfeed.cache;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.indicators.IndicatorSeries;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Policy;
import io.micronaut.core.annotation.Nullable;


/**
 * The per-container layer: Caffeine bounded by the bytes of what it holds (series are of very
 * different sizes, so an entry count would bound nothing), each entry kept for its interval's
 * TTL plus the stale period. Whether an entry still counts is {@link TieredCache}'s decision.
 */
public final class L1Cache {
    private static final int KEY_OVERHEAD = 128;

    /** An L1 value: the entry and its weight in bytes. */
    record Slot(CacheEntry<?> entry, int weight) {
    }

    private final Cache<CacheKey, Slot> cache;

    public L1Cache(CacheSettings settings, CacheStats stats) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(settings.l1MaximumWeight())
                .weigher((CacheKey key, Slot slot) -> slot.weight())
                .expireAfter(Expiry.creating((CacheKey key, Slot slot) -> settings.retention(key.interval())))
                .removalListener((CacheKey key, Slot slot, RemovalCause cause) -> {
                    if (cause == RemovalCause.SIZE) {
                        stats.l1Evictions.increment();
                    } else if (cause == RemovalCause.EXPIRED) {
                        stats.l1Expirations.increment();
                    }
                })
                // Removal callbacks run on the caller's thread: no ForkJoinPool in a Lambda container.
                .executor(Runnable::run)
                .build();
    }

    /** The entry of {@code key}, whatever its version and age, or {@code null}. */
    @Nullable
    CacheEntry<?> get(CacheKey key) {
        Slot slot = cache.getIfPresent(key);
        return slot == null ? null : slot.entry();
    }

    void put(CacheKey key, CacheEntry<?> entry) {
        cache.put(key, new Slot(entry, weigh(entry.value())));
    }

    public void invalidateAll() {
        cache.invalidateAll();
    }

    public long entries() {
        return cache.estimatedSize();
    }

    /** Bytes held, as weighed. */
    public long weight() {
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    public long maximumWeight() {
        return cache.policy().eviction().map(Policy.Eviction::getMaximum).orElse(0L);
    }

    /** Runs pending maintenance (evictions), so {@link #weight()} is exact; for tests and stats. */
    public void cleanUp() {
        cache.cleanUp();
    }

    static int weigh(Object value) {
        long bytes = value instanceof IndicatorSeries series ? series.sizeInBytes()
                : value instanceof CandleColumns candles ? candles.sizeInBytes() : 64;
        return (int) Math.min(Integer.MAX_VALUE, bytes + KEY_OVERHEAD);
    }

}
