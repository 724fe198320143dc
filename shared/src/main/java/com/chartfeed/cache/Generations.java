package com.chartfeed.cache;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this container knows of each scope's version, and for how long it may trust it without
 * asking again (the staleness budget), so that most L1 hits touch no network at all.
 *
 * <p>Versions come from PostgreSQL's one sequence and never go back, so what is known only ever
 * moves forward: a version older than one already known (a reply that raced this container's own
 * write, or a Redis that missed a publication) never replaces it, and does not renew its trust.
 */
final class Generations {
    /** A version, and when it was learnt ({@link System#nanoTime()}). */
    private record Seen(long version, long learntAtNanos) {
    }

    private final long budgetNanos;
    private final ConcurrentHashMap<CacheKey.Scope, Seen> seen = new ConcurrentHashMap<>();

    Generations(Duration stalenessBudget) {
        this.budgetNanos = stalenessBudget.toNanos();
    }

    /** The version learnt within the budget, or {@code -1} if it must be asked for again. */
    long trusted(CacheKey.Scope scope, long nowNanos) {
        Seen last = seen.get(scope);
        return last != null && nowNanos - last.learntAtNanos() < budgetNanos ? last.version() : -1;
    }

    /**
     * Records {@code version} as current at {@code nowNanos}, unless a newer one is known already;
     * the newest version known afterwards.
     */
    long learn(CacheKey.Scope scope, long version, long nowNanos) {
        return seen.merge(scope, new Seen(version, nowNanos),
                (known, learnt) -> learnt.version() >= known.version() ? learnt : known).version();
    }

    /** The newest version known, however long ago it was learnt, or {@code -1} if none. */
    long newest(CacheKey.Scope scope) {
        Seen last = seen.get(scope);
        return last == null ? -1 : last.version();
    }

    /** Forgets every version, so the next request of each scope asks again. */
    void forgetAll() {
        seen.clear();
    }
}
