package com.chartfeed.functions.indicator;

import com.chartfeed.api.HttpCaching;
import com.chartfeed.problems.ProblemException;
import com.chartfeed.api.QueryParser;
import com.chartfeed.api.RequestQuery;
import com.chartfeed.api.RenderedBodies;
import com.chartfeed.cache.CacheKey;
import com.chartfeed.cache.Lookup;
import com.chartfeed.cache.RequestTimings;
import com.chartfeed.candles.Interval;
import com.chartfeed.indicators.HistoryTooLongException;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorSeries;
import com.chartfeed.indicators.IndicatorType;
import com.chartfeed.indicators.Window;
import com.chartfeed.service.IndicatorService;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

import java.util.Map;

/** {@code GET /v1/indicators/{symbol}/{indicator}}. */
@Controller("/v1/indicators")
public class IndicatorController {
    private final IndicatorService indicators;
    private final HttpCaching caching;
    private final RenderedBodies bodies;

    public IndicatorController(IndicatorService indicators, HttpCaching caching, RenderedBodies bodies) {
        this.indicators = indicators;
        this.caching = caching;
        this.bodies = bodies;
    }

    @Get("/{symbol}/{indicator}")
    public HttpResponse<byte[]> indicator(@PathVariable String symbol, @PathVariable String indicator,
                                                 HttpRequest<?> request) {
        Map<String, String> query = RequestQuery.of(request);
        String canonical = QueryParser.symbol(symbol);
        IndicatorType type = QueryParser.indicator(indicator);
        Interval interval = QueryParser.interval(query.get("interval"));
        IndicatorParams params = QueryParser.params(type, query);
        Window window = QueryParser.window(query);
        RequestTimings timings = new RequestTimings();
        Lookup<IndicatorSeries> series;
        try {
            series = indicators.series(canonical, interval, params, timings);
        } catch (HistoryTooLongException tooLong) {
            throw ProblemException.badRequest("interval", tooLong.getMessage());
        }
        QueryParser.withinHistory(params, series.value().size());
        CacheKey key = CacheKey.series(canonical, interval, params);
        return caching.respond(request, key, window, series, timings,
                () -> bodies.indicator(key, params, series, window));
    }
}
