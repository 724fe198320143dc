package com.chartfeed.functions.cache;

import com.chartfeed.api.AdminToken;
import com.chartfeed.api.QueryParser;
import com.chartfeed.api.RequestQuery;
import com.chartfeed.cache.CacheHealth;
import com.chartfeed.cache.CacheInvalidator;
import com.chartfeed.cache.CacheReport;
import com.chartfeed.candles.SymbolDirectory;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

import java.util.Map;

/** Cache statistics, health, and the admin invalidation routes. */
@Controller("/v1/cache")
public class CacheController {
    private final CacheReport report;
    private final CacheHealth health;
    private final CacheInvalidator invalidator;
    private final SymbolDirectory symbols;
    private final AdminToken admin;

    public CacheController(CacheReport report, CacheHealth health, CacheInvalidator invalidator,
                           SymbolDirectory symbols, AdminToken admin) {
        this.report = report;
        this.health = health;
        this.invalidator = invalidator;
        this.symbols = symbols;
        this.admin = admin;
    }

    @Get("/stats")
    public HttpResponse<Map<String, Object>> stats() {
        return HttpResponse.ok(report.report()).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** {@code 200} when UP or DEGRADED (answers still come), {@code 503} when DOWN. */
    @Get("/health")
    public HttpResponse<CacheHealth.Report> health() {
        CacheHealth.Report result = health.check();
        HttpStatus status = CacheHealth.DOWN.equals(result.status()) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK;
        return HttpResponse.<CacheHealth.Report>status(status).body(result)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Delete("/{symbol}")
    public CacheInvalidator.Invalidation invalidateSymbol(@PathVariable String symbol, HttpRequest<?> request) {
        admin.check(request.getHeaders());
        String interval = RequestQuery.of(request).get("interval");
        String canonical = QueryParser.symbol(symbol);
        return invalidator.invalidate(canonical, interval == null ? null : QueryParser.interval(interval),
                CacheInvalidator.Waiting.REQUEST);
    }

    @Delete
    public CacheInvalidator.Invalidation invalidateAll(HttpRequest<?> request) {
        admin.check(request.getHeaders());
        return invalidator.invalidateAll(symbols.all());
    }
}
