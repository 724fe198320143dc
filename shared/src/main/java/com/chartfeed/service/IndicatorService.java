package com.chartfeed.service;

import com.chartfeed.cache.CacheKey;
import com.chartfeed.cache.CacheSource;
import com.chartfeed.cache.CacheStats;
import com.chartfeed.cache.Lookup;
import com.chartfeed.cache.RequestTimings;
import com.chartfeed.cache.StaleInputException;
import com.chartfeed.cache.TieredCache;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import com.chartfeed.indicators.HistoryTooLongException;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorSeries;
import com.chartfeed.indicators.LiveSeries;

/**
 * Indicator series over the whole stored history (so values never depend on the window asked
 * for), cached per (symbol, interval, indicator, canonical params).
 *
 * <p>When the candles were patched in this container and the series over the history they were
 * patched from is held, the series is extended by {@link LiveSeries#patch} (from its kernel's
 * state near the end, bit for bit the whole computation) and not sent to Redis: any container can
 * compute it from the candles, which it gets without a whole read either. Otherwise the series is
 * computed over the candles in memory, as a {@link LiveSeries} when the candles are this
 * container's live history, so the next tick can extend it.
 */
@jakarta.inject.Singleton
public class IndicatorService {
    private final CandleHistory history;
    private final TieredCache cache;
    private final CacheStats stats;
    private final LiveState live;

    public IndicatorService(CandleHistory history, TieredCache cache, CacheStats stats, LiveState live) {
        this.history = history;
        this.cache = cache;
        this.stats = stats;
        this.live = live;
    }

    public Lookup<IndicatorSeries> series(String symbol, Interval interval, IndicatorParams params,
                                          RequestTimings timings) {
        return cache.get(CacheKey.series(symbol, interval, params), loader(symbol, interval, params, timings), timings);
    }

    /** Computes a series on a miss: candles from the cache (or the database), then the kernel. */
    public TieredCache.Loader<IndicatorSeries> loader(String symbol, Interval interval, IndicatorParams params,
                                                      RequestTimings timings) {
        CacheKey key = CacheKey.series(symbol, interval, params);
        return (version, older) -> {
            Lookup<CandleColumns> candles = history.load(symbol, interval, timings);
            if (candles.value().size() > params.type().historyMax()) {
                throw new HistoryTooLongException(params.type(), candles.value().size());
            }
            long start = System.nanoTime();
            LiveState.History held = candles.source() == CacheSource.STALE ? null
                    : history.live(key.scope(), candles.entry().generation());
            IndicatorSeries series;
            boolean patched = false;
            if (held == null) {
                series = IndicatorSeries.compute(candles.value(), params);
            } else {
                LiveState.Study previous = live.study(key);
                LiveSeries next;
                if (previous != null && previous.candles() == held.candles()) {
                    next = previous.series();
                } else if (previous != null && held.patch() != null && previous.candles() == held.patchedFrom()) {
                    next = previous.series().patch(held.patch());
                    patched = true;
                    stats.patchedSeries();
                } else {
                    next = LiveSeries.of(held.candles(), params);
                }
                live.keep(key, new LiveState.Study(held.candles(), held.version(), next));
                series = next.series();
            }
            long computeNanos = System.nanoTime() - start;
            timings.addCompute(computeNanos);
            stats.computeTime(computeNanos);
            if (candles.source() == CacheSource.STALE) {
                throw new StaleInputException(series, candles.entry().computedAtMillis());
            }
            return new TieredCache.Loaded<>(series, !patched);
        };
    }
}
