package com.chartfeed.functions.indicator;

import com.chartfeed.api.QueryParser;
import com.chartfeed.api.ResponseBodies;
import com.chartfeed.api.ResponseBodies.IndicatorBody;
import com.chartfeed.candles.Interval;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorService;
import com.chartfeed.indicators.IndicatorType;
import com.chartfeed.indicators.Window;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

import java.util.Map;

/** {@code GET /v1/indicators/{symbol}/{indicator}}. */
@Controller("/v1/indicators")
public class IndicatorController {
    private final IndicatorService indicators;

    public IndicatorController(IndicatorService indicators) {
        this.indicators = indicators;
    }

    @Get("/{symbol}/{indicator}")
    public IndicatorBody indicator(@PathVariable String symbol, @PathVariable String indicator,
                                   HttpRequest<?> request) {
        Map<String, String> query = QueryParser.firstValues(request.getParameters().asMap());
        String canonical = QueryParser.symbol(symbol);
        IndicatorType type = QueryParser.indicator(indicator);
        Interval interval = QueryParser.interval(query.get("interval"));
        IndicatorParams params = QueryParser.params(type, query);
        Window window = QueryParser.window(query);
        return ResponseBodies.indicator(canonical, interval, params,
                indicators.series(canonical, interval, params), window);
    }
}
