package com.chartfeed.api;

import com.chartfeed.cache.CacheKey;
import com.chartfeed.candles.Interval;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.ParamSpec;
import com.chartfeed.indicators.Window;
import com.chartfeed.problems.Problem;
import com.chartfeed.problems.ProblemException;

import java.util.ArrayList;
import java.util.List;

/**
 * One indicator request after validation ({@link QueryParser#request}), the same for
 * {@code GET /v1/indicators/{symbol}/{indicator}} and for each item of a batch: which series, and
 * which part of it to answer.
 *
 * @param key the series' cache key, built once here: a batch looks it up several times
 */
public record IndicatorRequest(String symbol, Interval interval, IndicatorParams params, Window window, CacheKey key) {

    /**
     * Refuses a period set larger than the stored history ({@code candles}): no value could come
     * of it. A default larger than a short history still answers, with no points, as a chart
     * opening a young symbol expects.
     */
    public void withinHistory(int candles) {
        if (candles == 0) {
            return;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ParamSpec spec : params.type().params()) {
            double value = params.value(spec.name());
            if (spec.type() == ParamSpec.Type.INTEGER && value > candles && value != spec.defaultValue()) {
                errors.add(new Problem.FieldError(spec.name(), "must be at most the stored history, " + candles
                        + " candles, got " + (long) value));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
    }
}
