package com.chartfeed.functions.indicator;

import com.chartfeed.api.AdminToken;
import com.chartfeed.api.CandleUpload;
import com.chartfeed.api.HttpCaching;
import com.chartfeed.problems.ProblemException;
import com.chartfeed.api.QueryParser;
import com.chartfeed.api.RequestQuery;
import com.chartfeed.api.ResponseBodies.CandlesBody;
import com.chartfeed.api.ResponseBodies;
import com.chartfeed.cache.CacheKey;
import com.chartfeed.cache.Lookup;
import com.chartfeed.cache.RequestTimings;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import com.chartfeed.candles.SymbolName;
import com.chartfeed.indicators.Window;
import com.chartfeed.service.CandleHistory;
import com.chartfeed.service.CandleWriter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static com.chartfeed.api.OpenApiRefs.ADMIN_BEARER;
import static com.chartfeed.api.OpenApiRefs.ADMIN_TOKEN;
import static com.chartfeed.api.OpenApiRefs.BAD_REQUEST;
import static com.chartfeed.api.OpenApiRefs.CACHE_CONTROL_HEADER;
import static com.chartfeed.api.OpenApiRefs.CANDLES;
import static com.chartfeed.api.OpenApiRefs.CANDLE_CSV;
import static com.chartfeed.api.OpenApiRefs.CANDLE_UPLOAD;
import static com.chartfeed.api.OpenApiRefs.ETAG_HEADER;
import static com.chartfeed.api.OpenApiRefs.FROM_PARAMETER;
import static com.chartfeed.api.OpenApiRefs.IF_NONE_MATCH_PARAMETER;
import static com.chartfeed.api.OpenApiRefs.INTERVAL;
import static com.chartfeed.api.OpenApiRefs.INTERVAL_PARAMETER;
import static com.chartfeed.api.OpenApiRefs.JSON;
import static com.chartfeed.api.OpenApiRefs.LIMIT_PARAMETER;
import static com.chartfeed.api.OpenApiRefs.NOT_FOUND;
import static com.chartfeed.api.OpenApiRefs.NOT_MODIFIED;
import static com.chartfeed.api.OpenApiRefs.SERVER_TIMING_HEADER;
import static com.chartfeed.api.OpenApiRefs.SYMBOL_DESCRIPTION;
import static com.chartfeed.api.OpenApiRefs.TAG_CANDLES;
import static com.chartfeed.api.OpenApiRefs.TO_PARAMETER;
import static com.chartfeed.api.OpenApiRefs.UNAUTHORIZED;
import static com.chartfeed.api.OpenApiRefs.UNAVAILABLE;
import static com.chartfeed.api.OpenApiRefs.UNSUPPORTED_MEDIA_TYPE;
import static com.chartfeed.api.OpenApiRefs.UPLOAD_RESULT;
import static com.chartfeed.api.OpenApiRefs.X_CACHE_HEADER;

/** {@code GET /v1/candles/{symbol}} and the admin upload {@code PUT /v1/candles/{symbol}/{interval}}. */
@Controller("/v1/candles")
public class CandleController {
    private final CandleHistory history;
    private final CandleUpload upload;
    private final CandleWriter writer;
    private final AdminToken admin;
    private final HttpCaching caching;

    public CandleController(CandleHistory history, CandleUpload upload, CandleWriter writer, AdminToken admin,
                            HttpCaching caching) {
        this.history = history;
        this.upload = upload;
        this.writer = writer;
        this.admin = admin;
        this.caching = caching;
    }

    @Get("/{symbol}")
    @Operation(operationId = "getCandles", tags = TAG_CANDLES, summary = "Candles",
            description = "A symbol's candles of one interval in column form, ascending in time: the last `limit` "
                    + "candles with open times in [`from`, `to`].")
    @Parameter(name = "interval", ref = INTERVAL_PARAMETER)
    @Parameter(name = "limit", ref = LIMIT_PARAMETER)
    @Parameter(name = "from", ref = FROM_PARAMETER)
    @Parameter(name = "to", ref = TO_PARAMETER)
    @Parameter(name = "If-None-Match", ref = IF_NONE_MATCH_PARAMETER)
    @ApiResponse(responseCode = "200", description = "The candles.",
            headers = {
                    @Header(name = "ETag", required = true, schema = @Schema(ref = ETAG_HEADER)),
                    @Header(name = "Cache-Control", required = true, schema = @Schema(ref = CACHE_CONTROL_HEADER)),
                    @Header(name = "X-Cache", required = true, schema = @Schema(ref = X_CACHE_HEADER)),
                    @Header(name = "Server-Timing", required = true, schema = @Schema(ref = SERVER_TIMING_HEADER))},
            content = @Content(mediaType = JSON, schema = @Schema(ref = CANDLES)))
    @ApiResponse(responseCode = "304", ref = NOT_MODIFIED, description = "The copy named by `If-None-Match` is current.")
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST, description = "A bad interval or window, or an unknown parameter.")
    @ApiResponse(responseCode = "404", ref = NOT_FOUND, description = "No such symbol.")
    @ApiResponse(responseCode = "503", ref = UNAVAILABLE, description = "The database is unavailable and nothing is cached.")
    public HttpResponse<CandlesBody> candles(
            @PathVariable @Parameter(description = SYMBOL_DESCRIPTION,
                    schema = @Schema(type = "string", pattern = SymbolName.PATTERN)) String symbol,
            HttpRequest<?> request) {
        Map<String, String> query = RequestQuery.of(request);
        String canonical = QueryParser.symbol(symbol);
        Interval interval = QueryParser.interval(query.get("interval"));
        for (String name : query.keySet()) {
            if (!QueryParser.isWindowField(name)) {
                throw ProblemException.badRequest(name, "is not a parameter of /v1/candles");
            }
        }
        Window window = QueryParser.window(query);
        RequestTimings timings = new RequestTimings();
        Lookup<CandleColumns> candles = history.load(canonical, interval, timings);
        return caching.respond(request, CacheKey.candles(canonical, interval), window, candles, timings,
                () -> ResponseBodies.candles(canonical, interval, candles.value(), window));
    }

    /**
     * JSON for a JSON media type, else CSV: {@code text/csv}, {@code text/plain}, and
     * {@code application/x-www-form-urlencoded}, which is what {@code curl --data-binary @file.csv}
     * sends unless told otherwise (the bytes are the file's, not a form). Any other type is a {@code 415}.
     * The body is bound as text: behind API Gateway, Micronaut's servlet binder would read a
     * form-typed body into form fields and hand a {@code byte[]} parameter nothing, where text is
     * read as sent.
     */
    @Put("/{symbol}/{interval}")
    @Consumes({MediaType.APPLICATION_JSON, "text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_FORM_URLENCODED})
    @Operation(operationId = "putCandles", tags = TAG_CANDLES, summary = "Upload candles (admin)",
            description = """
                    Inserts or replaces candles of one symbol and interval (a new symbol on its first \
                    upload), then invalidates what they touch, in this container at once and fleet-wide \
                    through Redis. Idempotent. Everything is validated before anything is written: a `400` \
                    names each bad field (`h[3]`, `high (line 5)`).""",
            security = {@SecurityRequirement(name = ADMIN_BEARER), @SecurityRequirement(name = ADMIN_TOKEN)})
    @RequestBody(required = true, content = {
            @Content(mediaType = JSON, schema = @Schema(ref = CANDLE_UPLOAD)),
            @Content(mediaType = "text/csv", schema = @Schema(ref = CANDLE_CSV)),
            @Content(mediaType = "text/plain", schema = @Schema(ref = CANDLE_CSV)),
            @Content(mediaType = "application/x-www-form-urlencoded", schema = @Schema(ref = CANDLE_CSV))})
    @ApiResponse(responseCode = "200", description = "What was written.",
            content = @Content(mediaType = JSON, schema = @Schema(ref = UPLOAD_RESULT)))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST, description = "Bad candles, symbol or interval; nothing was written.")
    @ApiResponse(responseCode = "401", ref = UNAUTHORIZED, description = "No admin token, or a wrong one.")
    @ApiResponse(responseCode = "415", ref = UNSUPPORTED_MEDIA_TYPE, description = "Neither JSON nor CSV (text/csv, text/plain or curl's default application/x-www-form-urlencoded).")
    @ApiResponse(responseCode = "503", ref = UNAVAILABLE,
            description = "The database is unavailable, or another upload of the same candles held them too long.")
    public CandleWriter.Written upsert(
            @PathVariable @Parameter(description = SYMBOL_DESCRIPTION,
                    schema = @Schema(type = "string", pattern = SymbolName.PATTERN)) String symbol,
            @PathVariable @Parameter(schema = @Schema(ref = INTERVAL)) String interval,
            HttpRequest<?> request,
            @Parameter(hidden = true) @Nullable @io.micronaut.http.annotation.Header(HttpHeaders.CONTENT_TYPE)
            String contentType,
            @Parameter(hidden = true) @Nullable @Body String body) {
        admin.check(request.getHeaders());
        String canonical = QueryParser.symbol(symbol);
        Interval parsedInterval = QueryParser.interval(interval);
        if (body == null || body.isEmpty()) {
            throw ProblemException.badRequest("body", "is empty");
        }
        return writer.upsert(canonical, parsedInterval, upload.read(contentType, body.getBytes(StandardCharsets.UTF_8),
                canonical, parsedInterval));
    }
}
