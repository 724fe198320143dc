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
final class L1Cache {
    private static final int KEY_OVERHEAD = 128;

    /** An L1 value: the entry and its weight in bytes. */
    record Slot(CacheEntry<?> entry, int weight) {
    }

    private final Cache<CacheKey, Slot> cache;

    /*
     * Built here, not as a Micronaut cache (micronaut.caches.<name>, micronaut-cache-caffeine's
     * DefaultSyncCache): that builder knows only a fixed expire-after-write or -access, while an
     * entry here lives for its interval's retention counted from when its value was computed
     * (an L2 value arrives part-aged), which takes an Expiry; it has no ticker, and the tests
     * move time with CacheClock's; and it runs removal callbacks on the caller's thread only in
     * its test mode. The weigher and the size bound alone would fit it.
     */
    L1Cache(CacheSettings settings, CacheStats stats, CacheClock clock) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(settings.l1MaximumWeight())
                .weigher((CacheKey key, Slot slot) -> slot.weight())
                .expireAfter(new Expiry<CacheKey, Slot>() {
                    @Override
                    public long expireAfterCreate(CacheKey key, Slot slot, long now) {
                        return remaining(settings, clock, key, slot);
                    }

                    /** A value replaced by a reload lives as long as its new value, not its first one. */
                    @Override
                    public long expireAfterUpdate(CacheKey key, Slot slot, long now, long current) {
                        return remaining(settings, clock, key, slot);
                    }

                    @Override
                    public long expireAfterRead(CacheKey key, Slot slot, long now, long current) {
                        return current;
                    }
                })
                .ticker(clock.ticker())
                .removalListener((CacheKey key, Slot slot, RemovalCause cause) -> {
                    if (cause == RemovalCause.SIZE) {
                        stats.l1Evicted();
                    } else if (cause == RemovalCause.EXPIRED) {
                        stats.l1Expired();
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

    /**
     * Puts {@code entry}, unless an entry of a newer version is there already: a load that ran
     * late (its caller gone past a batch's deadline, or its container frozen) does not push out
     * the value of a newer version.
     */
    void put(CacheKey key, CacheEntry<?> entry) {
        Slot slot = new Slot(entry, weigh(entry.value()));
        cache.asMap().merge(key, slot, (held, fresh) ->
                held.entry().generation() > fresh.entry().generation() ? held : fresh);
    }

    /** What is left of a value's retention, counted from when it was computed (by the wall clock). */
    private static long remaining(CacheSettings settings, CacheClock clock, CacheKey key, Slot slot) {
        long age = Math.max(0, clock.millis() - slot.entry().computedAtMillis());
        return Math.max(0, settings.retention(key.interval()).toMillis() - age) * 1_000_000L;
    }

    void invalidateAll() {
        cache.invalidateAll();
    }

    long entries() {
        return cache.estimatedSize();
    }

    /** Bytes held, as weighed. */
    long weight() {
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    long maximumWeight() {
        return cache.policy().eviction().map(Policy.Eviction::getMaximum).orElse(0L);
    }

    /** Runs pending maintenance (evictions), so {@link #weight()} is exact; for tests and stats. */
    void cleanUp() {
        cache.cleanUp();
    }

    static int weigh(Object value) {
        long bytes = value instanceof IndicatorSeries series ? series.sizeInBytes()
                : value instanceof CandleColumns candles ? candles.sizeInBytes() : 64;
        return (int) Math.min(Integer.MAX_VALUE, bytes + KEY_OVERHEAD);
    }

}
