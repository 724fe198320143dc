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
import jakarta.inject.Singleton;

import java.util.function.Supplier;

/**
 * Indicator series over the whole stored history (so values never depend on the window asked
 * for), cached per (symbol, interval, indicator, canonical params).
 */
@Singleton
public class IndicatorService {
    private final CandleHistory history;
    private final TieredCache cache;
    private final CacheStats stats;

    public IndicatorService(CandleHistory history, TieredCache cache, CacheStats stats) {
        this.history = history;
        this.cache = cache;
        this.stats = stats;
    }

    public Lookup<IndicatorSeries> series(String symbol, Interval interval, IndicatorParams params,
                                          RequestTimings timings) {
        return cache.get(CacheKey.series(symbol, interval, params), loader(symbol, interval, params, timings), timings);
    }

    /** Computes a series on a miss: candles from the cache (or the database), then the kernel. */
    public Supplier<IndicatorSeries> loader(String symbol, Interval interval, IndicatorParams params,
                                            RequestTimings timings) {
        return () -> {
            Lookup<CandleColumns> candles = history.load(symbol, interval, timings);
            if (candles.value().size() > params.type().historyMax()) {
                throw new HistoryTooLongException(params.type(), candles.value().size());
            }
            long start = System.nanoTime();
            IndicatorSeries series = IndicatorSeries.compute(candles.value(), params);
            long computeNanos = System.nanoTime() - start;
            timings.addCompute(computeNanos);
            stats.computeTime(computeNanos);
            if (candles.source() == CacheSource.STALE) {
                throw new StaleInputException(series, candles.entry().computedAtMillis());
            }
            return series;
        };
    }
}
