package com.chartfeed.batch;

import com.chartfeed.problems.ProblemException;
import com.chartfeed.cache.CacheKey;
import com.chartfeed.candles.Interval;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.Window;

/**
 * One request of a batch after validation: either what to compute, or why it can't be.
 *
 * @param key the series' cache key, built once here: a batch looks it up several times
 */
public record BatchItem(String symbol, Interval interval, IndicatorParams params, Window window, CacheKey key,
                        ProblemException invalid) {

    public static BatchItem valid(String symbol, Interval interval, IndicatorParams params, Window window) {
        return new BatchItem(symbol, interval, params, window, CacheKey.series(symbol, interval, params), null);
    }

    public static BatchItem invalid(ProblemException problem) {
        return new BatchItem(null, null, null, null, null, problem);
    }

    public boolean isValid() {
        return invalid == null;
    }
}
