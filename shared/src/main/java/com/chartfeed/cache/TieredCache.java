package com.chartfeed.cache;

import com.chartfeed.candles.CandleVersions;
import com.chartfeed.candles.DatabaseBreaker;
import com.chartfeed.candles.DatabaseFault;
import com.chartfeed.candles.Interval;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The two-level cache: L1 in this container, L2 in Redis shared by the fleet, and a loader (the
 * database and a kernel) behind them.
 *
 * <p>An entry counts only if it carries the current version of its (symbol, interval) and is
 * within its TTL. Versions live in PostgreSQL and are published to Redis; a container trusts the
 * last version it learnt for the staleness budget, so most L1 hits touch no network. Past the
 * budget, or on an L1 miss, one script reads the versions and the values from Redis in one round
 * trip; a version Redis does not know (it restarted, was flushed or failed over) or cannot tell
 * (it is down) is read from PostgreSQL. A single GET is a batch of one: both take the same steps.
 * When the loader fails because the database is down, the newest entry known, however old, is
 * served as {@code STALE}.
 *
 * <p>An entry is never a hit unless its version was confirmed within the budget. When neither
 * Redis nor the database can tell the current version, the newest entry known is {@code STALE}:
 * at once if the database was just tried and failed (down, or every connection busy: a load would
 * wait for it again), else (its breaker skipped it) through a load, which probes the database
 * when its breaker lets it and falls back to that entry; with nothing cached, the load's failure
 * is the answer ({@code 503}).
 * Time comes from a {@link CacheClock}: a version is trusted only while both its ticker and its
 * wall clock say it was learnt within the budget. The wall clock is read once per lookup, so every
 * entry of a batch is judged fresh or not at the same instant.
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
    private final CandleVersions versions;
    private final DatabaseBreaker database;
    private final VersionRepair repair;
    private final CacheClock clock;
    /** Keyed by the version a load labels its value with: a caller never joins a load of another version. */
    private final SingleFlight<Flight, CacheEntry<?>> flights = new SingleFlight<>();

    private record Flight(CacheKey key, long version) {
    }

    /**
     * Computes a key's value for a version, possibly from an older entry of the key (an L1 entry
     * of a version no longer current, or an L2 base): the candles patched by what changed since
     * that entry's version. Says whether L2 should take the value ({@link Loaded#storeInL2}).
     */
    @FunctionalInterface
    public interface Loader<T> {
        /**
         * @param version the version the value will be labelled with, learnt before any input is
         *                read (-1 when no one could tell it)
         * @param older   the newest entry of the key this lookup saw that is not current (its
         *                version may be older or, rarely, newer than {@code version}), or null
         */
        Loaded<T> load(long version, @Nullable CacheEntry<T> older);

        static <T> Loader<T> of(Supplier<T> supplier) {
            return (version, older) -> new Loaded<>(supplier.get(), true);
        }
    }

    /**
     * A loaded value, and whether Redis should take it: a value patched from an older one need not
     * travel to Redis on every tick, where the older one (the base) plus the rows changed since its
     * version give any other container the same value.
     */
    public record Loaded<T>(T value, boolean storeInL2) {
    }

    TieredCache(L2Cache l2, CacheSettings settings, CacheStats stats, FleetStats fleet, RecentReads recentReads,
                CandleVersions versions, DatabaseBreaker database, VersionRepair repair, CacheClock clock) {
        this.clock = clock;
        this.l1 = new L1Cache(settings, stats, clock);
        this.l2 = l2;
        this.settings = settings;
        this.stats = stats;
        this.fleet = fleet;
        this.recentReads = recentReads;
        this.versions = versions;
        this.database = database;
        this.repair = repair;
        // A bumped version is kept unread at least as long as any L1 entry of its scope can live.
        this.generations = new Generations(settings.stalenessBudget(),
                settings.ttlMax().plus(settings.staleFor()).plus(settings.stalenessBudget()),
                settings.unbumpedScopesKept(), clock);
    }

    /**
     * What one look in both layers found: the entries to serve (current ones, and {@code STALE}
     * ones where the version could not be confirmed because the database had just failed), and for
     * each other key the newest entry seen (its {@code STALE} fallback should the load fail for
     * want of the database).
     */
    public record Found(Map<CacheKey, Lookup<?>> hits, Map<CacheKey, CacheEntry<?>> newest) {
        @Nullable
        CacheEntry<?> newestOf(CacheKey key) {
            return newest.get(key);
        }
    }

    /**
     * The value of {@code key}, from L1, L2 or {@code loader}. The loader runs at most once at a
     * time per key in this container; its exceptions reach the caller (after a {@code STALE}
     * fallback for database failures).
     */
    @SuppressWarnings("unchecked")
    public <T> Lookup<T> get(CacheKey key, Supplier<T> loader, RequestTimings timings) {
        return get(key, Loader.of(loader), timings);
    }

    /** {@link #get(CacheKey, Supplier, RequestTimings)} with a loader that may start from an older entry. */
    @SuppressWarnings("unchecked")
    public <T> Lookup<T> get(CacheKey key, Loader<T> loader, RequestTimings timings) {
        long start = clock.nanos();
        CacheEntry<?> inL1 = l1.get(key);
        Lookup<T> served;
        if (inL1 != null && isTrusted(inL1, key, clock.millis())) {
            // The common case, kept free of the batch path's collections: no network, no allocation but the answer.
            fleet.maybeFlush();
            repair.maybeRun();
            long l1Nanos = clock.nanos() - start;
            timings.addL1(l1Nanos);
            stats.l1Time(l1Nanos);
            stats.l1Hit();
            served = new Lookup<>((CacheEntry<T>) inL1, CacheSource.HIT_L1);
        } else {
            Found found = find(List.of(key), timings);
            Lookup<?> hit = found.hits().get(key);
            served = hit != null ? (Lookup<T>) hit : load(key, loader, found);
        }
        // Only what was served: a key whose load failed (an unknown symbol, say) is not worth refreshing.
        recentReads.record(key);
        return served;
    }

    /**
     * The entries of {@code keys} that are cached and current (or {@code STALE}, see {@link Found}),
     * without loading anything: L1
     * entries whose version is trusted cost nothing; every other key is read, with the versions of
     * all their scopes, in one round trip. L2 hits are put in L1, so a loader that runs afterwards
     * (e.g. of a series needing these candles) finds them there. Keys missing from
     * {@link Found#hits()} must be {@link #load loaded}.
     */
    public Found getCached(Collection<CacheKey> keys, RequestTimings timings) {
        Found found = find(keys, timings);
        found.hits().keySet().forEach(recentReads::record);
        return found;
    }

    /**
     * Loads {@code key}, which {@code found} (from {@link #getCached}) did not hold: no second
     * round trip to Redis. Falls back to {@code STALE} when the database is down.
     */
    public <T> Lookup<T> load(CacheKey key, Supplier<T> loader, Found found) {
        return load(key, Loader.of(loader), found);
    }

    /** {@link #load(CacheKey, Supplier, Found)} with a loader that may start from an older entry. */
    @SuppressWarnings("unchecked")
    public <T> Lookup<T> load(CacheKey key, Loader<T> loader, Found found) {
        // The newest version known, learnt before the loader reads anything: a value is never
        // labelled newer than its input.
        long version = generations.newest(key.scope());
        CacheEntry<T> newest = (CacheEntry<T>) found.newestOf(key);
        try {
            CacheEntry<T> loaded = (CacheEntry<T>) flights.load(new Flight(key, version), () -> {
                CacheEntry<?> meanwhile = loadedMeanwhile(key, version);
                return meanwhile != null ? meanwhile : loadAndStore(key, loader, version, newest);
            }).value();
            stats.miss();
            recentReads.record(key);
            return new Lookup<>(loaded, CacheSource.MISS);
        } catch (StaleInputException derived) {
            stats.stale();
            T value = (T) derived.value();
            return new Lookup<>(new CacheEntry<>(value, version, derived.inputComputedAtMillis(),
                    EntryCodec.contentHash(value)), CacheSource.STALE);
        } catch (RuntimeException failure) {
            stats.loadFailed();
            if (newest != null && DatabaseFault.of(failure) == DatabaseFault.UNREACHABLE) {
                stats.stale();
                return new Lookup<>(newest, CacheSource.STALE);
            }
            throw failure;
        }
    }

    private Found find(Collection<CacheKey> keys, RequestTimings timings) {
        fleet.maybeFlush();
        repair.maybeRun();
        Map<CacheKey, Lookup<?>> hits = new HashMap<>();
        Map<CacheKey, CacheEntry<?>> newest = new HashMap<>();
        Map<CacheKey, CacheEntry<?>> inL1 = new HashMap<>();
        List<CacheKey> toFetch = new ArrayList<>();
        long start = clock.nanos();
        long now = clock.millis();
        for (CacheKey key : keys) {
            CacheEntry<?> entry = l1.get(key);
            if (entry != null && isTrusted(entry, key, now)) {
                stats.l1Hit();
                hits.put(key, new Lookup<>(entry, CacheSource.HIT_L1));
                continue;
            }
            if (entry != null) {
                inL1.put(key, entry);
            }
            toFetch.add(key);
        }
        long l1Nanos = clock.nanos() - start;
        timings.addL1(l1Nanos);
        stats.l1Time(l1Nanos);
        if (toFetch.isEmpty()) {
            return new Found(hits, newest);
        }

        List<CacheKey.Scope> scopes = toFetch.stream().map(CacheKey::scope).distinct().toList();
        long[] held = new long[toFetch.size()];
        for (int i = 0; i < held.length; i++) {
            CacheEntry<?> entry = inL1.get(toFetch.get(i));
            held[i] = entry == null ? -1 : entry.generation();
        }
        L2Cache.Fetched fetched = l2.fetch(scopes, toFetch, held, timings);
        Set<String> unconfirmable = new HashSet<>();
        Map<CacheKey.Scope, Long> current = currentVersions(scopes, fetched, timings, unconfirmable);
        for (int i = 0; i < toFetch.size(); i++) {
            CacheKey key = toFetch.get(i);
            Long version = current.get(key.scope());
            CacheEntry<?> entry = inL1.get(key);
            // Unconfirmed (neither Redis nor the database told the version): never a hit, only a STALE candidate.
            if (entry != null && version != null && entry.generation() == version && isFresh(entry, key, now)) {
                stats.l1Hit();
                hits.put(key, new Lookup<>(entry, CacheSource.HIT_L1));
                continue;
            }
            stats.l1Miss();
            CacheEntry<?> stored = fetched == null ? null : EntryCodec.decode(key, fetched.values()[i]);
            if (stored != null && version != null && stored.generation() == version && isFresh(stored, key, now)) {
                l1.put(key, stored);
                stats.l2Hit();
                hits.put(key, new Lookup<>(stored, CacheSource.HIT_L2));
                continue;
            }
            l2.missed();
            CacheEntry<?> candidate = stored != null && (entry == null || stored.computedAtMillis() > entry.computedAtMillis())
                    ? stored : entry;
            if (candidate != null && version == null && unconfirmable.contains(key.symbol())) {
                stats.stale();
                hits.put(key, new Lookup<>(candidate, CacheSource.STALE));
            } else if (candidate != null) {
                newest.put(key, candidate);
            }
        }
        return new Found(hits, newest);
    }

    /**
     * The current version of each scope: from Redis where it knows it, else from PostgreSQL (and
     * then re-seeded into Redis, without waiting), never older than one this container already
     * knows. Absent where neither could tell: such a scope's entries cannot be confirmed. The
     * symbols whose read from the database failed (rather than being skipped by its breaker) are
     * added to {@code unconfirmable}.
     */
    private Map<CacheKey.Scope, Long> currentVersions(List<CacheKey.Scope> scopes, @Nullable L2Cache.Fetched fetched,
                                                      RequestTimings timings, Set<String> unconfirmable) {
        Map<CacheKey.Scope, Long> current = new HashMap<>();
        Map<String, List<Interval>> unknown = new LinkedHashMap<>();
        for (int i = 0; i < scopes.size(); i++) {
            CacheKey.Scope scope = scopes.get(i);
            long version = fetched == null ? -1 : fetched.versions()[i];
            if (version >= 0) {
                current.put(scope, generations.learn(scope, version));
            } else {
                unknown.computeIfAbsent(scope.symbol(), s -> new ArrayList<>()).add(scope.interval());
            }
        }
        if (unknown.isEmpty()) {
            return current;
        }
        Map<CacheKey.Scope, Long> fromDatabase = new HashMap<>();
        Map<CacheKey.Scope, String> identities = new HashMap<>();
        long start = clock.nanos();
        unknown.forEach((symbol, intervals) -> {
            if (database.isOpen()) {
                return; // known to be down moments ago: loads probe it, this read need not
            }
            try {
                database.read(() -> versions.read(symbol, intervals)).forEach((interval, version) ->
                        fromDatabase.put(new CacheKey.Scope(symbol, interval), version));
            } catch (RuntimeException unavailable) {
                // Neither Redis nor the database can tell: no entry of these scopes is a hit.
                unconfirmable.add(symbol);
            }
        });
        timings.addDb(clock.nanos() - start);
        for (int i = 0; i < scopes.size(); i++) {
            CacheKey.Scope scope = scopes.get(i);
            Long version = fromDatabase.get(scope);
            if (version != null) {
                current.put(scope, generations.learn(scope, version));
                if (fetched != null) {
                    identities.put(scope, fetched.identities()[i]);
                }
            }
        }
        if (fetched != null) {
            l2.seed(fromDatabase, identities);
        }
        return current;
    }

    /** Whether an L1 entry of {@code key} is fresh at {@code now} and of the version trusted now, asking nobody. */
    private boolean isTrusted(CacheEntry<?> entry, CacheKey key, long now) {
        long trusted = generations.trusted(key.scope());
        return trusted >= 0 && trusted == entry.generation() && isFresh(entry, key, now);
    }

    /**
     * An entry of {@code version} that a load which finished after this caller looked put in L1:
     * single flight only joins loads still running, and this one need not run again. Only if
     * {@code version} is trusted now: an entry of a version nobody could confirm is not current.
     */
    @Nullable
    private CacheEntry<?> loadedMeanwhile(CacheKey key, long version) {
        CacheEntry<?> entry = l1.get(key);
        return version >= 0 && entry != null && entry.generation() == version
                && generations.trusted(key.scope()) == version && isFresh(entry, key, clock.millis()) ? entry : null;
    }

    private <T> CacheEntry<T> loadAndStore(CacheKey key, Loader<T> loader, long version,
                                           @Nullable CacheEntry<T> older) {
        long start = clock.nanos();
        // Before the input is read: a value is never younger than its input, even if this load
        // finishes late (after a batch's deadline, or a freeze of the container).
        long computedAt = clock.millis();
        Loaded<T> loaded = loader.load(version, older);
        T value = loaded.value();
        stats.loaded(clock.nanos() - start);
        CacheEntry<T> entry = new CacheEntry<>(value, version, computedAt, EntryCodec.contentHash(value));
        l1.put(key, entry);
        if (version >= 0 && loaded.storeInL2()) {
            l2.store(key, entry, settings.retention(key.interval()));
        }
        return entry;
    }

    /** This container's own write: the new versions of {@code symbol} count here at once, whatever Redis does. */
    public void advance(String symbol, Map<Interval, Long> written) {
        written.forEach((interval, version) -> generations.learn(new CacheKey.Scope(symbol, interval), version));
    }

    /**
     * Drops all of this container's L1 and ends its trust in every version, so each is asked for
     * again; the versions stay known as floors, so a Redis that missed a publication cannot make
     * this container learn an older one.
     */
    public void clearLocally() {
        l1.invalidateAll();
        generations.distrustAll();
    }

    /** Scopes whose version this container knows; for tests. */
    long versionsKnown() {
        return generations.size();
    }

    /** How full L1 is, for the stats. */
    public L1Usage l1Usage() {
        l1.cleanUp();
        return new L1Usage(l1.entries(), l1.weight(), l1.maximumWeight());
    }

    /** L1's size: entries, bytes held and the bound on bytes. */
    public record L1Usage(long entries, long weightBytes, long maximumWeightBytes) {
    }

    /** Whether {@code entry} is within its TTL at {@code now} (wall-clock epoch milliseconds). */
    private boolean isFresh(CacheEntry<?> entry, CacheKey key, long now) {
        return now - entry.computedAtMillis() < settings.ttl(key.interval()).toMillis();
    }
}
