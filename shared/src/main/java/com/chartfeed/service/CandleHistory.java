package com.chartfeed.service;

import com.chartfeed.problems.ProblemException;
import com.chartfeed.cache.CacheEntry;
import com.chartfeed.cache.CacheKey;
import com.chartfeed.cache.CacheStats;
import com.chartfeed.cache.Lookup;
import com.chartfeed.cache.RequestTimings;
import com.chartfeed.cache.TieredCache;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.CandlePatch;
import com.chartfeed.candles.CandleStore;
import com.chartfeed.candles.CandleVersions;
import com.chartfeed.candles.DatabaseBreaker;
import com.chartfeed.candles.Interval;
import com.chartfeed.candles.LiveCandles;
import com.chartfeed.candles.PatchedCandles;
import com.chartfeed.candles.SymbolDirectory;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The whole stored history of a symbol and interval, the input of every indicator; cached whole
 * (requests slice it), read from PostgreSQL only on a miss.
 *
 * <p><b>Patched loads.</b> When this container holds the history at an older version (its live
 * state, an L1 entry no longer current, or the base entry Redis holds) and no change since that
 * version went unrecorded in the candle rows ({@code full_read_version <= base version}), a load
 * reads the scope's version row first, then only the rows stamped after the base's version
 * ({@link CandleStore#changedSince}, one indexed read), and patches the base in memory
 * ({@link CandlePatch}). Why that is the history at the new version: every upload stamps its rows
 * with the version it bumped, under the scope's row lock, so the rows stamped after the base's
 * version are every upload committed since; candles are never deleted, and any other change
 * (ingestion, an admin invalidation) moves {@code full_read_version}, read before the rows, so a
 * change committed between the two reads is either in the rows or newer than the label. The
 * value is labelled with the version learnt before any of this, never newer than its input. A
 * delta of more than {@code cache.patch.max-rows} rows, or an unrecorded change, reads the
 * history whole.
 *
 * <p><b>What Redis holds.</b> A full load stores the history in L2; a patched one does not, until
 * the rows patched since the base went past {@code cache.patch.l2-base-after-rows}: a tick does
 * not upload the history again. A container without the history in L1 finds that older base in
 * L2 (it carries its version in its header), which is not a hit, and patches it by the rows
 * changed since its version, under the same rule: correct for any base version, and a full read
 * when an unrecorded change came after it.
 */
@Singleton
public class CandleHistory {
    private final SymbolDirectory symbols;
    private final CandleStore store;
    private final CandleVersions versions;
    private final TieredCache cache;
    private final CacheStats stats;
    private final DatabaseBreaker breaker;
    private final LiveState live;
    private final PatchSettings settings;
    private final CandlePatch patch;

    public CandleHistory(SymbolDirectory symbols, CandleStore store, CandleVersions versions, TieredCache cache,
                         CacheStats stats, DatabaseBreaker breaker, LiveState live, PatchSettings settings) {
        this.symbols = symbols;
        this.store = store;
        this.versions = versions;
        this.cache = cache;
        this.stats = stats;
        this.breaker = breaker;
        this.live = live;
        this.settings = settings;
        this.patch = new CandlePatch(settings.maxRows());
    }

    /** All candles, or {@code 404} when the symbol has never been stored. */
    public Lookup<CandleColumns> load(String symbol, Interval interval, RequestTimings timings) {
        CacheKey key = CacheKey.candles(symbol, interval);
        TieredCache.Loader<CandleColumns> loader = (version, older) -> {
            long start = System.nanoTime();
            try {
                return read(key.scope(), version, older, timings);
            } finally {
                long dbNanos = System.nanoTime() - start;
                timings.addDb(dbNanos);
                stats.databaseTime(dbNanos);
            }
        };
        return cache.get(key, loader, timings);
    }

    /** This container's live state of a scope, when it is the one labelled {@code version}. */
    @Nullable
    LiveState.History live(CacheKey.Scope scope, long version) {
        LiveState.History held = live.history(scope);
        return held != null && held.version() == version ? held : null;
    }

    private TieredCache.Loaded<CandleColumns> read(CacheKey.Scope scope, long version,
                                                   @Nullable CacheEntry<CandleColumns> older, RequestTimings timings) {
        LiveState.History base = settings.enabled() && version > 0 ? base(scope, version, older) : null;
        if (base != null) {
            Optional<TieredCache.Loaded<CandleColumns>> patched = patched(scope, version, base, timings);
            if (patched.isPresent()) {
                return patched.get();
            }
        }
        CandleColumns all = readStored(scope.symbol(), scope.interval()).orElseThrow(() ->
                ProblemException.notFound("symbol", "no candles are stored for " + scope.symbol()));
        if (settings.enabled() && version > 0) {
            live.keep(scope, new LiveState.History(version, LiveCandles.of(all), null, null, 0));
        }
        return new TieredCache.Loaded<>(all, true);
    }

    /**
     * The newest history held below {@code version}: this container's live state, or the older
     * entry the lookup saw (in L1, or the base in L2); null when there is none.
     */
    @Nullable
    private LiveState.History base(CacheKey.Scope scope, long version, @Nullable CacheEntry<CandleColumns> older) {
        LiveState.History held = live.history(scope);
        LiveState.History best = held != null && held.version() < version ? held : null;
        if (older != null && older.generation() < version && (best == null || older.generation() > best.version())) {
            // Another container's base (or an L1 entry without live state): the delta counts from its version.
            best = new LiveState.History(older.generation(), LiveCandles.of(older.value()), null, null, 0);
        }
        return best;
    }

    /**
     * The base patched by the rows changed since its version, or empty when those rows cannot tell
     * every change (read the history whole) or are too many to patch.
     */
    private Optional<TieredCache.Loaded<CandleColumns>> patched(CacheKey.Scope scope, long version,
                                                                LiveState.History base, RequestTimings timings) {
        Optional<CandleColumns> delta = breaker.read(() -> {
            OptionalLong id = symbols.find(scope.symbol());
            if (id.isEmpty()) {
                return Optional.<CandleColumns>empty();
            }
            // The version row first, then the rows: a change committed in between is read or newer than the label.
            CandleVersions.ScopeVersion current = versions.scope(scope.symbol(), scope.interval());
            if (current.version() < version || !current.rowsTellChangesSince(base.version())) {
                return Optional.<CandleColumns>empty();
            }
            stats.databaseRead();
            return Optional.of(store.changedSince(id.getAsLong(), scope.interval(), base.version()));
        });
        if (delta.isEmpty()) {
            return Optional.empty();
        }
        Optional<PatchedCandles> patchedCandles = patch.apply(base.candles(), delta.get());
        if (patchedCandles.isEmpty()) {
            stats.deltaDiscarded(delta.get().size());
            return Optional.empty(); // too large: read whole
        }
        int rows = delta.get().size();
        stats.patchedLoad(rows);
        timings.addPatch(rows);
        PatchedCandles next = patchedCandles.get();
        long sinceBase = base.rowsSinceL2Base() + rows;
        boolean newBase = sinceBase > settings.l2BaseAfterRows();
        live.keep(scope, new LiveState.History(version, next.candles(), base.candles(), next,
                newBase ? 0 : sinceBase));
        return Optional.of(new TieredCache.Loaded<>(next.candles().columns(), newBase));
    }

    /**
     * All candles straight from the database, behind its breaker, bypassing the cache (for
     * refresh-ahead, which writes what it computes to L2 itself); empty for a symbol never stored.
     */
    public Optional<CandleColumns> readStored(String symbol, Interval interval) {
        return breaker.read(() -> {
            OptionalLong id = symbols.find(symbol);
            if (id.isEmpty()) {
                return Optional.empty();
            }
            stats.databaseRead();
            CandleColumns all = store.readAll(id.getAsLong(), interval);
            stats.fullLoad(all.size());
            return Optional.of(all);
        });
    }
}
