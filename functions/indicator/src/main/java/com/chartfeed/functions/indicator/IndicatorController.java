package com.chartfeed.functions.indicator;

import com.chartfeed.api.HttpCaching;
import com.chartfeed.api.IndicatorRequest;
import com.chartfeed.api.QueryParser;
import com.chartfeed.api.RequestQuery;
import com.chartfeed.api.RenderedBodies;
import com.chartfeed.cache.Lookup;
import com.chartfeed.cache.RequestTimings;
import com.chartfeed.candles.SymbolName;
import com.chartfeed.indicators.IndicatorSeries;
import com.chartfeed.service.IndicatorService;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.util.Map;

import static com.chartfeed.api.OpenApiRefs.BAD_REQUEST;
import static com.chartfeed.api.OpenApiRefs.CACHE_CONTROL_HEADER;
import static com.chartfeed.api.OpenApiRefs.ETAG_HEADER;
import static com.chartfeed.api.OpenApiRefs.FROM_PARAMETER;
import static com.chartfeed.api.OpenApiRefs.IF_NONE_MATCH_PARAMETER;
import static com.chartfeed.api.OpenApiRefs.INDICATOR_SERIES;
import static com.chartfeed.api.OpenApiRefs.INTERVAL_PARAMETER;
import static com.chartfeed.api.OpenApiRefs.JSON;
import static com.chartfeed.api.OpenApiRefs.LIMIT_PARAMETER;
import static com.chartfeed.api.OpenApiRefs.NOT_FOUND;
import static com.chartfeed.api.OpenApiRefs.NOT_MODIFIED;
import static com.chartfeed.api.OpenApiRefs.SERVER_TIMING_HEADER;
import static com.chartfeed.api.OpenApiRefs.SOURCE_PARAMETER;
import static com.chartfeed.api.OpenApiRefs.STUDY_PARAMETERS_PARAMETER;
import static com.chartfeed.api.OpenApiRefs.SYMBOL_DESCRIPTION;
import static com.chartfeed.api.OpenApiRefs.TAG_INDICATORS;
import static com.chartfeed.api.OpenApiRefs.TO_PARAMETER;
import static com.chartfeed.api.OpenApiRefs.UNAVAILABLE;
import static com.chartfeed.api.OpenApiRefs.X_CACHE_HEADER;


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
    @Operation(operationId = "getIndicator", tags = TAG_INDICATORS, summary = "A study's series",
            description = """
                    The series of one study over a symbol's candles of one interval, computed over the \
                    whole stored history (so the values equal TA-Lib's whatever the window), cut to the \
                    window: the last `limit` points with times in [`from`, `to`]. The study's own \
                    parameters come as query parameters by name; each study's names, defaults and bounds \
                    are in the catalogue, `GET /v1/indicators`.""")
    @Parameter(name = "interval", ref = INTERVAL_PARAMETER)
    @Parameter(name = "limit", ref = LIMIT_PARAMETER)
    @Parameter(name = "from", ref = FROM_PARAMETER)
    @Parameter(name = "to", ref = TO_PARAMETER)
    @Parameter(name = "source", ref = SOURCE_PARAMETER)
    @Parameter(name = "params", ref = STUDY_PARAMETERS_PARAMETER)
    @Parameter(name = "If-None-Match", ref = IF_NONE_MATCH_PARAMETER)
    @ApiResponse(responseCode = "200", description = "The series, ascending in time; warm-up points left out.",
            headers = {
                    @Header(name = "ETag", required = true, schema = @Schema(ref = ETAG_HEADER)),
                    @Header(name = "Cache-Control", required = true, schema = @Schema(ref = CACHE_CONTROL_HEADER)),
                    @Header(name = "X-Cache", required = true, schema = @Schema(ref = X_CACHE_HEADER)),
                    @Header(name = "Server-Timing", required = true, schema = @Schema(ref = SERVER_TIMING_HEADER))},
            content = @Content(mediaType = JSON, schema = @Schema(ref = INDICATOR_SERIES)))
    @ApiResponse(responseCode = "304", ref = NOT_MODIFIED, description = "The copy named by `If-None-Match` is current.")
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST,
            description = "A bad interval, window or parameter (an unknown name included), or a period longer than the history.")
    @ApiResponse(responseCode = "404", ref = NOT_FOUND, description = "No such symbol, or no such study.")
    @ApiResponse(responseCode = "503", ref = UNAVAILABLE, description = "The database is unavailable and nothing is cached.")
    public HttpResponse<byte[]> indicator(
            @PathVariable @Parameter(description = SYMBOL_DESCRIPTION,
                    schema = @Schema(type = "string", pattern = SymbolName.PATTERN)) String symbol,
            @PathVariable @Parameter(description = "A study's `name` in the catalogue (`rsi`, `macd`, ...), case-insensitive.")
            String indicator,
            HttpRequest<?> request) {
        Map<String, String> query = RequestQuery.of(request);
        IndicatorRequest parsed = QueryParser.request(symbol, indicator, query.get("interval"), query, query);
        RequestTimings timings = new RequestTimings();
        Lookup<IndicatorSeries> series = indicators.series(parsed.symbol(), parsed.interval(), parsed.params(), timings);
        parsed.withinHistory(series.value().size());
        return caching.respond(request, parsed.key(), parsed.window(), series, timings,
                () -> bodies.indicator(parsed.key(), parsed.params(), series, parsed.window()));
    }
}
