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
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;

import java.nio.charset.StandardCharsets;
import java.util.Map;

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
    public HttpResponse<CandlesBody> candles(@PathVariable String symbol, HttpRequest<?> request) {
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
    public CandleWriter.Written upsert(@PathVariable String symbol, @PathVariable String interval,
                                       HttpRequest<?> request,
                                       @Nullable @Header(HttpHeaders.CONTENT_TYPE) String contentType,
                                       @Nullable @Body String body) {
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
