package com.chartfeed.functions.cache;

import com.chartfeed.api.AdminToken;
import com.chartfeed.api.QueryParser;
import com.chartfeed.api.RequestQuery;
import com.chartfeed.cache.CacheHealth;
import com.chartfeed.cache.CacheInvalidator;
import com.chartfeed.cache.CacheReport;
import com.chartfeed.candles.SymbolDirectory;
import com.chartfeed.candles.SymbolName;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.util.Map;

import static com.chartfeed.api.OpenApiRefs.ADMIN_BEARER;
import static com.chartfeed.api.OpenApiRefs.ADMIN_TOKEN;
import static com.chartfeed.api.OpenApiRefs.BAD_REQUEST;
import static com.chartfeed.api.OpenApiRefs.CACHE_CONTROL_HEADER;
import static com.chartfeed.api.OpenApiRefs.CACHE_HEALTH;
import static com.chartfeed.api.OpenApiRefs.CACHE_STATS;
import static com.chartfeed.api.OpenApiRefs.INVALIDATED_INTERVAL_PARAMETER;
import static com.chartfeed.api.OpenApiRefs.INVALIDATION;
import static com.chartfeed.api.OpenApiRefs.JSON;
import static com.chartfeed.api.OpenApiRefs.SYMBOL_DESCRIPTION;
import static com.chartfeed.api.OpenApiRefs.TAG_CACHE;
import static com.chartfeed.api.OpenApiRefs.UNAUTHORIZED;
import static com.chartfeed.api.OpenApiRefs.UNAVAILABLE;

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
    @Operation(operationId = "getCacheStats", tags = TAG_CACHE, summary = "Cache statistics",
            description = "This container's L1 and L2 counters (hits, misses, hit rates, entries, weight, "
                    + "evictions, Redis errors and timeouts, loads and their time), the fleet-wide totals every "
                    + "container adds to Redis, and Redis's own figures (memory, evictions).")
    @ApiResponse(responseCode = "200", description = "The statistics.",
            headers = @Header(name = "Cache-Control", required = true, schema = @Schema(ref = CACHE_CONTROL_HEADER)),
            content = @Content(mediaType = JSON, schema = @Schema(ref = CACHE_STATS)))
    public HttpResponse<Map<String, Object>> stats() {
        return HttpResponse.ok(report.report()).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** {@code 200} when UP or DEGRADED (answers still come), {@code 503} when DOWN. */
    @Get("/health")
    @Operation(operationId = "getCacheHealth", tags = TAG_CACHE, summary = "Health of the cache and the database",
            description = "Each layer (L1, L2, the database) UP or DOWN, and the whole UP, DEGRADED or DOWN.")
    @ApiResponse(responseCode = "200", description = "UP or DEGRADED: answers still come.",
            headers = @Header(name = "Cache-Control", required = true, schema = @Schema(ref = CACHE_CONTROL_HEADER)),
            content = @Content(mediaType = JSON, schema = @Schema(ref = CACHE_HEALTH)))
    @ApiResponse(responseCode = "503", description = "DOWN: neither Redis nor the database answers.",
            headers = @Header(name = "Cache-Control", required = true, schema = @Schema(ref = CACHE_CONTROL_HEADER)),
            content = @Content(mediaType = JSON, schema = @Schema(ref = CACHE_HEALTH)))
    public HttpResponse<CacheHealth.Report> health() {
        CacheHealth.Report result = health.check();
        HttpStatus status = CacheHealth.DOWN.equals(result.status()) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK;
        return HttpResponse.<CacheHealth.Report>status(status).body(result)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Delete("/{symbol}")
    @Operation(operationId = "invalidateSymbol", tags = TAG_CACHE, summary = "Invalidate a symbol (admin)",
            description = "Makes everything cached of a symbol, in one interval or in all, stop counting: "
                    + "in this container at once, in every container within the staleness budget.",
            security = {@SecurityRequirement(name = ADMIN_BEARER), @SecurityRequirement(name = ADMIN_TOKEN)})
    @Parameter(name = "interval", ref = INVALIDATED_INTERVAL_PARAMETER)
    @ApiResponse(responseCode = "200", description = "What was invalidated.",
            content = @Content(mediaType = JSON, schema = @Schema(ref = INVALIDATION)))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST, description = "A bad symbol or interval.")
    @ApiResponse(responseCode = "401", ref = UNAUTHORIZED, description = "No admin token, or a wrong one.")
    @ApiResponse(responseCode = "503", ref = UNAVAILABLE, description = "The database is unavailable.")
    public CacheInvalidator.Invalidation invalidateSymbol(
            @PathVariable @Parameter(description = SYMBOL_DESCRIPTION,
                    schema = @Schema(type = "string", pattern = SymbolName.PATTERN)) String symbol,
            HttpRequest<?> request) {
        admin.check(request.getHeaders());
        String interval = RequestQuery.of(request).get("interval");
        String canonical = QueryParser.symbol(symbol);
        return invalidator.invalidate(canonical, interval == null ? null : QueryParser.interval(interval),
                CacheInvalidator.Waiting.REQUEST);
    }

    @Delete
    @Operation(operationId = "invalidateAll", tags = TAG_CACHE, summary = "Invalidate everything (admin)",
            description = "Invalidates every interval of every symbol, and clears this container's L1.",
            security = {@SecurityRequirement(name = ADMIN_BEARER), @SecurityRequirement(name = ADMIN_TOKEN)})
    @ApiResponse(responseCode = "200", description = "What was invalidated: every interval of the symbols listed.",
            content = @Content(mediaType = JSON, schema = @Schema(ref = INVALIDATION)))
    @ApiResponse(responseCode = "401", ref = UNAUTHORIZED, description = "No admin token, or a wrong one.")
    @ApiResponse(responseCode = "503", ref = UNAVAILABLE, description = "The database is unavailable.")
    public CacheInvalidator.Invalidation invalidateAll(HttpRequest<?> request) {
        admin.check(request.getHeaders());
        return invalidator.invalidateAll(symbols.all());
    }
}
