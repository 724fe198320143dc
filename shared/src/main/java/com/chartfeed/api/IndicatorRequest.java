package com.chartfeed.api;

import com.chartfeed.cache.CacheKey;
import com.chartfeed.candles.Interval;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorType;
import com.chartfeed.indicators.ParamSpec;
import com.chartfeed.indicators.Window;
import com.chartfeed.problems.Problem;
import com.chartfeed.problems.ProblemException;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One indicator request after validation, the same for {@code GET /v1/indicators/{symbol}/{indicator}}
 * and for each item of a batch: which series, and which part of it to answer.
 *
 * @param key the series' cache key, built once here: a batch looks it up several times
 */
public record IndicatorRequest(String symbol, Interval interval, IndicatorParams params, Window window, CacheKey key) {

    /**
     * Checks each part once, in this order, the first bad part answering: symbol, indicator,
     * interval, the study's parameters (every bad one named), the window.
     *
     * @param params the study's parameters by name, or null when they came as something other than
     *               names and values (a batch item's {@code "params": [20]})
     * @param window {@code limit}, {@code from} and {@code to}; other names are not looked at
     */
    public static IndicatorRequest parse(String symbol, String indicator, String interval,
                                         @Nullable Map<String, String> params, Map<String, String> window) {
        String canonical = QueryParser.symbol(symbol);
        IndicatorType type = QueryParser.indicator(indicator);
        Interval parsedInterval = QueryParser.interval(interval);
        if (params == null) {
            throw ProblemException.badRequest("params", "must be an object");
        }
        IndicatorParams parsedParams = QueryParser.params(type, params);
        Window parsedWindow = QueryParser.window(window);
        return new IndicatorRequest(canonical, parsedInterval, parsedParams, parsedWindow,
                CacheKey.series(canonical, parsedInterval, parsedParams));
    }

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
        List<ParamSpec> specs = params.type().params();
        for (int i = 0; i < specs.size(); i++) {
            ParamSpec spec = specs.get(i);
            double value = params.value(i);
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
