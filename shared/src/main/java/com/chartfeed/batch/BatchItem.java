package com.chartfeed.batch;

import com.chartfeed.api.ProblemException;
import com.chartfeed.cache.CacheKey;
import com.chartfeed.candles.Interval;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.Window;

/**
 * One request of a batch after validation: either what to compute, or why it can't be.
 */
public record BatchItem(String symbol, Interval interval, IndicatorParams params, Window window,
                        ProblemException invalid) {

    public static BatchItem invalid(ProblemException problem) {
        return new BatchItem(null, null, null, null, problem);
    }

    public boolean isValid() {
        return invalid == null;
    }

    public CacheKey key() {
        return CacheKey.series(symbol, interval, params);
    }
}
