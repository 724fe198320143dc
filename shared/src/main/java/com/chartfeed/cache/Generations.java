package com.chartfeed.cache;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this container knows of each scope's generation, and for how long it may trust it.
 *
 * <p>Two counters per scope: the fleet generation read from Redis (trusted for the staleness
 * budget, so an L1 hit usually costs no network at all) and a local epoch that this container's
 * own invalidations bump, so its own writes are visible at once even with Redis absent or down.
 */
public final class Generations {
    /** A generation as read from Redis, and when. */
    record Seen(long generation, long readAtNanos) {
    }

    private final long budgetNanos;
    private final ConcurrentHashMap<CacheKey.Scope, Seen> seen = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<CacheKey.Scope, AtomicLong> localEpochs = new ConcurrentHashMap<>();

    public Generations(Duration stalenessBudget) {
        this.budgetNanos = stalenessBudget.toNanos();
    }

    /** The generation read within the budget, or {@code -1} if it must be read again. */
    public long trusted(CacheKey.Scope scope, long nowNanos) {
        Seen last = seen.get(scope);
        return last != null && nowNanos - last.readAtNanos() < budgetNanos ? last.generation() : -1;
    }

    public void remember(CacheKey.Scope scope, long generation, long nowNanos) {
        seen.put(scope, new Seen(generation, nowNanos));
    }

    /** The last generation read, however old, or {@code 0} if none: used when Redis can't be asked. */
    public long lastKnown(CacheKey.Scope scope) {
        Seen last = seen.get(scope);
        return last == null ? 0 : last.generation();
    }

    /** How many times this container invalidated the scope itself. */
    public long localEpoch(CacheKey.Scope scope) {
        AtomicLong epoch = localEpochs.get(scope);
        return epoch == null ? 0 : epoch.get();
    }

    /** This container's own invalidation: its L1 entries of the scope stop counting at once. */
    public void invalidateLocally(CacheKey.Scope scope) {
        localEpochs.computeIfAbsent(scope, s -> new AtomicLong()).incrementAndGet();
        seen.remove(scope);
    }

    /** Forgets every generation read, so the next request of each scope asks Redis again. */
    public void forgetAll() {
        seen.clear();
    }
}
