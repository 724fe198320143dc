package com.chartfeed.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import java.time.Duration;

/**
 * What this container knows of each scope's version, and for how long it may trust it without
 * asking again (the staleness budget), so that most L1 hits touch no network at all.
 *
 * <p>Versions come from PostgreSQL's one sequence and never go back, so what is known only ever
 * moves forward: a version older than one already known (a reply that raced this container's own
 * write, or a Redis that missed a publication) never replaces it, and does not renew its trust.
 *
 * <p>A version is trusted while both clocks say it was learnt within the budget: the monotonic
 * ticker (immune to wall-clock steps) and the wall clock (a Lambda container frozen between
 * invocations may not advance the ticker while frozen, but the world moved on).
 *
 * <p>Bounded, because any unauthenticated request for a made-up symbol adds a scope. Forgetting a
 * version is safe only if no older one can be re-learnt and served in its place, so:
 * <ul>
 * <li>A scope never bumped (version 0, every made-up symbol) weighs 1 and is evicted by size, or
 *     after {@link #UNBUMPED_FOR_BUDGETS} budgets unread: no version is older than 0.</li>
 * <li>A bumped scope (version &gt; 0) weighs 0 and is never evicted by size: only an authenticated
 *     write bumps a version, so these are bounded by the data the service holds, not by requests.
 *     It is forgotten only after {@code keptFor} unread, the longest an L1 entry lives: every L1
 *     entry of a scope is put right after that scope is read here, so by then no L1 entry that an
 *     older version could make current is left; and a version older than the forgotten one can
 *     then come only from a Redis that has missed its publication for that long.</li>
 * <li>{@link #distrustAll()} keeps every version as a floor and only ends its trust.</li>
 * </ul>
 */
final class Generations {
    /** How many budgets a never-bumped scope is kept unread. */
    static final int UNBUMPED_FOR_BUDGETS = 60;

    /** A version, and when it was learnt by each clock. */
    private record Seen(long version, long learntAtNanos, long learntAtMillis) {
    }

    private final long budgetNanos;
    private final long budgetMillis;
    private final CacheClock clock;
    private final Cache<CacheKey.Scope, Seen> seen;

    /**
     * @param keptFor      how long a bumped scope is kept unread: at least the longest an L1 entry lives
     * @param unbumpedKept how many never-bumped scopes are kept at most
     */
    Generations(Duration stalenessBudget, Duration keptFor, long unbumpedKept, CacheClock clock) {
        this.budgetNanos = stalenessBudget.toNanos();
        this.budgetMillis = stalenessBudget.toMillis();
        this.clock = clock;
        long bumpedNanos = keptFor.toNanos();
        long unbumpedNanos = stalenessBudget.multipliedBy(UNBUMPED_FOR_BUDGETS).toNanos();
        this.seen = Caffeine.newBuilder()
                .maximumWeight(unbumpedKept)
                .weigher((CacheKey.Scope scope, Seen known) -> known.version() > 0 ? 0 : 1)
                .expireAfter(new Expiry<CacheKey.Scope, Seen>() {
                    @Override
                    public long expireAfterCreate(CacheKey.Scope scope, Seen known, long now) {
                        return known.version() > 0 ? bumpedNanos : unbumpedNanos;
                    }

                    @Override
                    public long expireAfterUpdate(CacheKey.Scope scope, Seen known, long now, long current) {
                        return expireAfterCreate(scope, known, now);
                    }

                    @Override
                    public long expireAfterRead(CacheKey.Scope scope, Seen known, long now, long current) {
                        return expireAfterCreate(scope, known, now);
                    }
                })
                .ticker(clock.ticker())
                // Maintenance on the caller's thread: no ForkJoinPool in a Lambda container.
                .executor(Runnable::run)
                .build();
    }

    /** The version learnt within the budget by both clocks, or {@code -1} if it must be asked for again. */
    long trusted(CacheKey.Scope scope) {
        Seen last = seen.getIfPresent(scope);
        if (last == null) {
            return -1;
        }
        long nanos = clock.nanos() - last.learntAtNanos();
        long millis = clock.millis() - last.learntAtMillis();
        return nanos >= 0 && nanos < budgetNanos && millis < budgetMillis ? last.version() : -1;
    }

    /**
     * Records {@code version} as current now, unless a newer one is known already; the newest
     * version known afterwards.
     */
    long learn(CacheKey.Scope scope, long version) {
        Seen learnt = new Seen(version, clock.nanos(), clock.millis());
        return seen.asMap().merge(scope, learnt,
                (known, fresh) -> fresh.version() >= known.version() ? fresh : known).version();
    }

    /** The newest version known, however long ago it was learnt, or {@code -1} if none. */
    long newest(CacheKey.Scope scope) {
        Seen last = seen.getIfPresent(scope);
        return last == null ? -1 : last.version();
    }

    /**
     * Ends the trust in every version, so the next request of each scope asks again, but keeps
     * each as a floor: a Redis that missed a publication cannot pull this container back.
     */
    void distrustAll() {
        long nanos = clock.nanos() - budgetNanos;
        long millis = clock.millis() - budgetMillis;
        seen.asMap().replaceAll((scope, known) -> new Seen(known.version(), nanos, millis));
    }

    /** Scopes known, after pending evictions; for tests. */
    long size() {
        seen.cleanUp();
        return seen.estimatedSize();
    }
}
