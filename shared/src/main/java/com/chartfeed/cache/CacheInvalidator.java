package com.chartfeed.cache;

import com.chartfeed.candles.Interval;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Makes cached values of a symbol stop counting, everywhere: one {@code INCR} of each affected
 * generation in Redis (no {@code KEYS}, no {@code SCAN}), plus this container's own L1 at once.
 * Other containers notice within the staleness budget. Idempotent in effect: invalidating twice
 * only costs one extra recomputation.
 */
@Singleton
public final class CacheInvalidator {
    private static final Logger LOG = LoggerFactory.getLogger(CacheInvalidator.class);

    private final TieredCache cache;
    private final L2Cache l2;

    public CacheInvalidator(TieredCache cache, L2Cache l2) {
        this.cache = cache;
        this.l2 = l2;
    }

    /**
     * What an invalidation did.
     *
     * @param fleetWide whether Redis took it (false: only this container's L1; others catch up by TTL)
     */
    @Serdeable
    public record Invalidation(List<String> symbols, List<String> intervals, boolean fleetWide) {
    }

    /** Invalidates one symbol, in one interval or (when {@code interval} is null) in all of them. */
    public Invalidation invalidate(String symbol, @Nullable Interval interval) {
        List<Interval> intervals = interval == null ? List.of(Interval.values()) : List.of(interval);
        List<CacheKey.Scope> scopes = new ArrayList<>();
        for (Interval i : intervals) {
            scopes.add(new CacheKey.Scope(symbol, i));
        }
        boolean fleetWide = incrementAll(scopes);
        return new Invalidation(List.of(symbol), intervals.stream().map(Interval::code).toList(), fleetWide);
    }

    /** Invalidates every interval of every given symbol, and clears this container's L1. */
    public Invalidation invalidateAll(Collection<String> symbols) {
        List<CacheKey.Scope> scopes = new ArrayList<>();
        for (String symbol : symbols) {
            for (Interval interval : Interval.values()) {
                scopes.add(new CacheKey.Scope(symbol, interval));
            }
        }
        boolean fleetWide = incrementAll(scopes);
        cache.clearLocally();
        return new Invalidation(List.copyOf(symbols), List.of(), fleetWide);
    }

    private boolean incrementAll(List<CacheKey.Scope> scopes) {
        scopes.forEach(cache::invalidateLocally);
        if (!l2.configured()) {
            return false;
        }
        boolean done = l2.increment(scopes, new RequestTimings()) != null;
        if (!done) {
            LOG.warn("invalidation of {} scope(s) reached only this container: Redis is unavailable", scopes.size());
        }
        return done;
    }
}
