package com.chartfeed.ingestion;

import com.chartfeed.problems.ProblemException;
import com.chartfeed.api.QueryParser;
import com.chartfeed.cache.CacheEntry;
import com.chartfeed.cache.CacheKey;
import com.chartfeed.cache.CacheSettings;
import com.chartfeed.cache.CacheStats;
import com.chartfeed.cache.ColumnCodec;
import com.chartfeed.cache.L2Cache;
import com.chartfeed.cache.RecentReads;
import com.chartfeed.cache.RefreshAheadSettings;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorSeries;
import com.chartfeed.indicators.IndicatorType;
import com.chartfeed.service.CandleHistory;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The invalidation function's half of refresh-ahead: right after the generations of some scopes
 * were moved, recomputes the entries of each that readers asked for most in the last one to two
 * counting windows (as {@link RecentReads} counted them) and stores them in L2
 * under the new generation, so the first chart after new candles is an L2 hit instead of a
 * database read.
 *
 * <p>Per scope: the generation is read before the candles (so a value is never labelled with a
 * generation newer than its input: a later ingestion makes it a plain miss), the candles are read
 * from PostgreSQL once, every recorded series is computed from them and all are written in one
 * pipeline. The candles are read as a reader's miss reads them ({@link CandleHistory#readStored},
 * behind the database breaker), but not cached here: this container serves no reads. Bounded by a
 * deadline: nothing new is started past it, and the last write may take the Redis bulk timeout
 * (which {@code lambda-reserve} covers). A scope that fails is counted and logged, never thrown.
 */
@Singleton
public final class RefreshAhead {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshAhead.class);

    private final RefreshAheadSettings settings;
    private final CacheSettings cacheSettings;
    private final L2Cache l2;
    private final RecentReads reads;
    private final CandleHistory history;
    private final CacheStats stats;

    public RefreshAhead(RefreshAheadSettings settings, CacheSettings cacheSettings, L2Cache l2, RecentReads reads,
                        CandleHistory history, CacheStats stats) {
        this.settings = settings;
        this.cacheSettings = cacheSettings;
        this.l2 = l2;
        this.reads = reads;
        this.history = history;
        this.stats = stats;
    }

    /**
     * What one refresh did.
     *
     * @param entries entries stored in L2
     * @param skipped scopes left undone because the deadline came (all of them if it came first)
     * @param failed  scopes whose refresh failed (Redis or the database)
     */
    public record Result(int entries, int skipped, int failed) {
        public static final Result NONE = new Result(0, 0, 0);
    }

    /** Whether there is anything to refresh into: enabled, and an L2 where readers count what they read. */
    public boolean enabled() {
        return reads.enabled();
    }

    /** Refreshes the most read entries of {@code scopes}, stopping at {@code deadlineNanos} ({@link System#nanoTime}). */
    public Result refresh(List<CacheKey.Scope> scopes, long deadlineNanos) {
        if (!enabled() || scopes.isEmpty()) {
            return Result.NONE;
        }
        if (System.nanoTime() - deadlineNanos >= 0) {
            return new Result(0, scopes.size(), 0);
        }
        RecentReads.Recent recent = reads.recent(scopes, settings.window(System.currentTimeMillis()), settings.maxKeysPerScope());
        if (recent == null) {
            scopes.forEach(s -> stats.refreshFailed());
            return new Result(0, 0, scopes.size());
        }
        int entries = 0;
        int skipped = 0;
        int failed = 0;
        for (int i = 0; i < scopes.size(); i++) {
            List<String> kinds = recent.kinds().get(i);
            if (kinds.isEmpty()) {
                continue;
            }
            if (System.nanoTime() - deadlineNanos >= 0) {
                skipped++;
                continue;
            }
            try {
                int stored = refresh(scopes.get(i), recent.generations()[i], kinds, deadlineNanos);
                if (stored < 0) {
                    failed++;
                    stats.refreshFailed();
                } else {
                    entries += stored;
                    stats.refreshedAhead(stored);
                }
            } catch (RuntimeException e) {
                failed++;
                stats.refreshFailed();
                LOG.warn("refresh-ahead of {}/{} failed: {}", scopes.get(i).symbol(), scopes.get(i).interval().code(),
                        e.toString());
            }
        }
        return new Result(entries, skipped, failed);
    }

    /** The entries stored for one scope, or -1 if Redis did not take them. */
    private int refresh(CacheKey.Scope scope, long generation, List<String> kinds, long deadlineNanos) {
        Optional<CandleColumns> stored = history.readStored(scope.symbol(), scope.interval());
        if (stored.isEmpty()) {
            return 0;
        }
        CandleColumns candles = stored.get();
        CacheKey candlesKey = CacheKey.candles(scope.symbol(), scope.interval());
        long computedAt = System.currentTimeMillis();
        Map<CacheKey, byte[]> values = new LinkedHashMap<>();
        for (String kind : kinds) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                break;
            }
            if (kind.equals(candlesKey.kind())) {
                values.put(candlesKey, ColumnCodec.encodeCandles(CacheEntry.of(candles, generation, computedAt)));
                continue;
            }
            Optional<IndicatorParams> params = seriesParams(kind);
            CacheKey key = params.map(p -> CacheKey.series(scope.symbol(), scope.interval(), p)).orElse(null);
            // Only what round-trips to the very key recorded (another version may have written others).
            if (key != null && key.kind().equals(kind)) {
                IndicatorSeries series = IndicatorSeries.compute(candles, params.get());
                values.put(key, ColumnCodec.encodeSeries(CacheEntry.of(series, generation, computedAt)));
            }
        }
        if (values.isEmpty()) {
            return 0;
        }
        return l2.storeAll(values, cacheSettings.retention(scope.interval())) ? values.size() : -1;
    }

    /**
     * The parameters a recorded series kind ({@code s:macd:fast=12,slow=26,signal=9,source=close})
     * was made from, validated again as a request's would be; empty if they are not valid.
     */
    static Optional<IndicatorParams> seriesParams(String kind) {
        if (!kind.startsWith("s:")) {
            return Optional.empty();
        }
        int colon = kind.indexOf(':', 2);
        Optional<IndicatorType> type = IndicatorType.fromCode(colon < 0 ? kind.substring(2) : kind.substring(2, colon));
        if (type.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (colon >= 0 && colon + 1 < kind.length()) {
            for (String pair : kind.substring(colon + 1).split(",")) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    return Optional.empty();
                }
                query.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        try {
            return Optional.of(QueryParser.params(type.get(), query));
        } catch (ProblemException invalid) {
            return Optional.empty();
        }
    }
}
