package com.chartfeed.cache;

import com.chartfeed.api.ServiceFaultHandler;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.indicators.IndicatorSeries;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The two-level cache: L1 in this container, L2 in Redis shared by the fleet, and a loader (the
 * database and a kernel) behind them.
 *
 * <p>An entry counts only if it is of the current generation of its (symbol, interval) and within
 * its TTL. The generation lives in Redis; a container trusts the last one it read for the staleness
 * budget, so most L1 hits touch no network. Past the budget, an L1 hit costs one GET of the
 * generation; an L1 miss reads the generation and the value in one MGET. When the loader fails
 * because the database is down, the newest entry known, however old, is served as {@code STALE}.
 */
@Singleton
public final class TieredCache {
    private final L1Cache l1;
    private final L2Cache l2;
    private final Generations generations;
    private final CacheSettings settings;
    private final CacheStats stats;
    private final FleetStats fleet;
    private final RecentReads recentReads;
    private final SingleFlight<CacheKey, CacheEntry<?>> flights = new SingleFlight<>();

    public TieredCache(L2Cache l2, CacheSettings settings, CacheStats stats, FleetStats fleet, RecentReads recentReads) {
        this.l1 = new L1Cache(settings, stats);
        this.recentReads = recentReads;
        this.l2 = l2;
        this.fleet = fleet;
        this.settings = settings;
        this.stats = stats;
        this.generations = new Generations(settings.stalenessBudget());
    }

    /**
     * The value of {@code key}, from L1, L2 or {@code loader}. The loader runs at most once at a
     * time per key in this container; its exceptions reach the caller (after a {@code STALE}
     * fallback for database failures).
     */
    public <T> Lookup<T> get(CacheKey key, Supplier<T> loader, RequestTimings timings) {
        Lookup<T> found = lookup(key, loader, timings);
        // Only what was served: a key whose load failed (an unknown symbol, say) is not worth refreshing.
        recentReads.record(key);
        return found;
    }

    @SuppressWarnings("unchecked")
    private <T> Lookup<T> lookup(CacheKey key, Supplier<T> loader, RequestTimings timings) {
        fleet.maybeFlush();
        CacheKey.Scope scope = key.scope();
        long start = System.nanoTime();
        long epoch = generations.localEpoch(scope);
        L1Cache.Slot slot = l1.get(key);
        long l1Nanos = System.nanoTime() - start;
        timings.addL1(l1Nanos);
        stats.l1Nanos.add(l1Nanos);

        CacheEntry<T> newest = null;
        if (slot != null && slot.localEpoch() == epoch) {
            CacheEntry<T> entry = (CacheEntry<T>) slot.entry();
            newest = entry;
            if (isFresh(entry, key) && generationMatches(scope, entry.generation(), timings)) {
                stats.l1Hits.increment();
                return new Lookup<>(entry, CacheSource.HIT_L1);
            }
        }
        stats.l1Misses.increment();

        long generation = generations.lastKnown(scope);
        if (l2.configured()) {
            L2Cache.Fetched fetched = l2.fetch(List.of(scope), List.of(key), timings);
            if (fetched != null) {
                generation = fetched.generations()[0];
                generations.remember(scope, generation, System.nanoTime());
                CacheEntry<T> stored = decode(key, fetched.values()[0]);
                if (stored != null && stored.generation() == generation && isFresh(stored, key)) {
                    l1.put(key, stored, epoch);
                    stats.l2Hits.increment();
                    return new Lookup<>(stored, CacheSource.HIT_L2);
                }
                if (stored != null && (newest == null || stored.computedAtMillis() > newest.computedAtMillis())) {
                    newest = stored;
                }
            }
            stats.l2Misses.increment();
        }

        return loadOrStale(key, loader, generation, epoch, newest);
    }

    /**
     * Loads {@code key} for a caller that has already looked in both layers (a batch, after
     * {@link #getCached}): no second round trip to Redis. Falls back to a {@code STALE} L1 entry
     * when the database is down.
     */
    @SuppressWarnings("unchecked")
    public <T> Lookup<T> load(CacheKey key, Supplier<T> loader) {
        stats.l1Misses.increment();
        if (l2.configured()) {
            stats.l2Misses.increment();
        }
        long epoch = generations.localEpoch(key.scope());
        L1Cache.Slot slot = l1.get(key);
        CacheEntry<T> newest = slot != null && slot.localEpoch() == epoch ? (CacheEntry<T>) slot.entry() : null;
        Lookup<T> loaded = loadOrStale(key, loader, generations.lastKnown(key.scope()), epoch, newest);
        recentReads.record(key);
        return loaded;
    }

    @SuppressWarnings("unchecked")
    private <T> Lookup<T> loadOrStale(CacheKey key, Supplier<T> loader, long generation, long epoch,
                                      CacheEntry<T> newest) {
        try {
            CacheEntry<T> loaded = (CacheEntry<T>) flights.load(key,
                    () -> loadAndStore(key, loader, generation, epoch)).value();
            stats.misses.increment();
            return new Lookup<>(loaded, CacheSource.MISS);
        } catch (StaleInputException derived) {
            stats.stale.increment();
            T value = (T) derived.value();
            return new Lookup<>(new CacheEntry<>(value, generation, derived.inputComputedAtMillis(),
                    contentHash(value)), CacheSource.STALE);
        } catch (RuntimeException failure) {
            stats.loadFailures.increment();
            if (newest != null && ServiceFaultHandler.causedByDatabase(failure)) {
                stats.stale.increment();
                return new Lookup<>(newest, CacheSource.STALE);
            }
            throw failure;
        }
    }

    /**
     * The entries of {@code keys} that are cached and current, without loading anything: L1
     * entries whose generation is trusted cost nothing; every other key is read, with the
     * generations of all their scopes, in ONE MGET. L2 hits are put in L1, so a loader that runs
     * afterwards (e.g. of a series needing these candles) finds them there. Absent from the
     * result: keys that must be loaded.
     */
    public Map<CacheKey, Lookup<?>> getCached(Collection<CacheKey> keys, RequestTimings timings) {
        Map<CacheKey, Lookup<?>> found = cached(keys, timings);
        for (CacheKey key : found.keySet()) {
            recentReads.record(key);
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private Map<CacheKey, Lookup<?>> cached(Collection<CacheKey> keys, RequestTimings timings) {
        fleet.maybeFlush();
        Map<CacheKey, Lookup<?>> found = new HashMap<>();
        Map<CacheKey, CacheEntry<?>> inL1 = new HashMap<>();
        List<CacheKey> toFetch = new ArrayList<>();
        long now = System.nanoTime();
        for (CacheKey key : keys) {
            CacheEntry<?> entry = currentInL1(key);
            if (entry != null) {
                long trusted = generations.trusted(key.scope(), now);
                if (trusted == entry.generation() || (trusted < 0 && !l2.configured())) {
                    stats.l1Hits.increment();
                    found.put(key, new Lookup<>(entry, CacheSource.HIT_L1));
                    continue;
                }
                inL1.put(key, entry);
            }
            toFetch.add(key);
        }
        long l1Nanos = System.nanoTime() - now;
        timings.addL1(l1Nanos);
        stats.l1Nanos.add(l1Nanos);
        if (toFetch.isEmpty()) {
            return found;
        }
        List<CacheKey.Scope> scopes = toFetch.stream().map(CacheKey::scope).distinct().toList();
        L2Cache.Fetched fetched = l2.configured() ? l2.fetch(scopes, toFetch, timings) : null;
        if (fetched == null) {
            // No Redis to ask: trusted-by-default L1 entries are as good as it gets.
            inL1.forEach((key, entry) -> {
                stats.l1Hits.increment();
                found.put(key, new Lookup<>(entry, CacheSource.HIT_L1));
            });
            return found;
        }
        Map<CacheKey.Scope, Long> current = new HashMap<>();
        long readAt = System.nanoTime();
        for (int i = 0; i < scopes.size(); i++) {
            current.put(scopes.get(i), fetched.generations()[i]);
            generations.remember(scopes.get(i), fetched.generations()[i], readAt);
        }
        for (int i = 0; i < toFetch.size(); i++) {
            CacheKey key = toFetch.get(i);
            long generation = current.get(key.scope());
            CacheEntry<?> entry = inL1.get(key);
            if (entry != null && entry.generation() == generation) {
                stats.l1Hits.increment();
                found.put(key, new Lookup<>(entry, CacheSource.HIT_L1));
                continue;
            }
            CacheEntry<Object> stored = decode(key, fetched.values()[i]);
            if (stored != null && stored.generation() == generation && isFresh(stored, key)) {
                l1.put(key, stored, generations.localEpoch(key.scope()));
                stats.l2Hits.increment();
                found.put(key, new Lookup<>(stored, CacheSource.HIT_L2));
            }
        }
        return found;
    }

    /**
     * Whether {@code generation} is the scope's current one: from memory within the staleness
     * budget, else from Redis (one GET). With no Redis to ask, this container's own knowledge is
     * all there is, and the TTL bounds the staleness.
     */
    private boolean generationMatches(CacheKey.Scope scope, long generation, RequestTimings timings) {
        long now = System.nanoTime();
        long trusted = generations.trusted(scope, now);
        if (trusted >= 0) {
            return trusted == generation;
        }
        if (!l2.configured()) {
            return true;
        }
        L2Cache.Fetched fetched = l2.fetch(List.of(scope), List.of(), timings);
        if (fetched == null) {
            return true;
        }
        generations.remember(scope, fetched.generations()[0], now);
        return fetched.generations()[0] == generation;
    }

    private <T> CacheEntry<T> loadAndStore(CacheKey key, Supplier<T> loader, long generation, long epoch) {
        long start = System.nanoTime();
        T value = loader.get();
        stats.loads.increment();
        stats.loadNanos.add(System.nanoTime() - start);
        CacheEntry<T> entry = new CacheEntry<>(value, generation, System.currentTimeMillis(), contentHash(value));
        l1.put(key, entry, epoch);
        if (l2.configured()) {
            l2.store(key, encode(entry), settings.retention(key.interval()));
        }
        return entry;
    }

    /** This container's own invalidation of a scope: its L1 entries stop counting at once. */
    public void invalidateLocally(CacheKey.Scope scope) {
        generations.invalidateLocally(scope);
    }

    /** Drops all of this container's L1 and everything it knows of generations. */
    public void clearLocally() {
        l1.invalidateAll();
        generations.forgetAll();
    }

    public L1Cache l1() {
        return l1;
    }

    /** The L1 entry of {@code key} if it is fresh and its scope was not invalidated here since, else null. */
    private CacheEntry<?> currentInL1(CacheKey key) {
        L1Cache.Slot slot = l1.get(key);
        return slot != null && slot.localEpoch() == generations.localEpoch(key.scope()) && isFresh(slot.entry(), key)
                ? slot.entry() : null;
    }

    private boolean isFresh(CacheEntry<?> entry, CacheKey key) {
        return System.currentTimeMillis() - entry.computedAtMillis() < settings.ttl(key.interval()).toMillis();
    }

    @SuppressWarnings("unchecked")
    private static byte[] encode(CacheEntry<?> entry) {
        return entry.value() instanceof CandleColumns
                ? ColumnCodec.encodeCandles((CacheEntry<CandleColumns>) entry)
                : ColumnCodec.encodeSeries((CacheEntry<IndicatorSeries>) entry);
    }

    @SuppressWarnings("unchecked")
    private static <T> CacheEntry<T> decode(CacheKey key, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return (CacheEntry<T>) (key.isCandles() ? ColumnCodec.decodeCandles(bytes) : ColumnCodec.decodeSeries(bytes));
        } catch (CodecException unreadable) {
            return null; // written by an incompatible version, or corrupted: a miss, recomputed and overwritten
        }
    }

    private static long contentHash(Object value) {
        return value instanceof CandleColumns candles ? CacheEntry.hashOf(candles)
                : CacheEntry.hashOf((IndicatorSeries) value);
    }
}
