package com.chartfeed.functions.indicator;

import com.chartfeed.problems.Problem;
import com.chartfeed.problems.ProblemException;
import com.chartfeed.api.QueryParser;
import com.chartfeed.api.RequestQuery;
import com.chartfeed.candles.SymbolCatalog;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.chartfeed.api.OpenApiRefs.BAD_REQUEST;
import static com.chartfeed.api.OpenApiRefs.CACHE_CONTROL_HEADER;
import static com.chartfeed.api.OpenApiRefs.JSON;
import static com.chartfeed.api.OpenApiRefs.SYMBOLS;
import static com.chartfeed.api.OpenApiRefs.SYMBOLS_LIMIT_PARAMETER;
import static com.chartfeed.api.OpenApiRefs.SYMBOL_PREFIX_PARAMETER;
import static com.chartfeed.api.OpenApiRefs.TAG_SYMBOLS;
import static com.chartfeed.api.OpenApiRefs.UNAVAILABLE;

/**
 * {@code GET /v1/symbols?prefix=&limit=}: the symbols that have candles and their intervals, for a
 * chart's symbol picker. Briefly cacheable: a new symbol shows up within {@link #MAX_AGE_SECONDS}.
 */
@Controller("/v1/symbols")
public class SymbolController {
    static final int MAX_AGE_SECONDS = 10;
    private static final int MAX_PREFIX_LENGTH = 20;

    private final SymbolCatalog catalog;

    public SymbolController(SymbolCatalog catalog) {
        this.catalog = catalog;
    }

    /** The answer: {@code {"symbols": [{"symbol": "AAPL", "intervals": ["1h", "1d"]}, ...]}}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS) // no match is "symbols": [], not {}
    public record Symbols(List<SymbolCatalog.Listing> symbols) {
    }

    @Get
    @Operation(operationId = "getSymbols", tags = TAG_SYMBOLS, summary = "The symbols that have candles",
            description = "The symbols that have candles, sorted, each with the intervals it has, for a chart's "
                    + "symbol picker. A new symbol shows up within the `max-age`.")
    @Parameter(name = "prefix", ref = SYMBOL_PREFIX_PARAMETER)
    @Parameter(name = "limit", ref = SYMBOLS_LIMIT_PARAMETER)
    @ApiResponse(responseCode = "200", description = "The symbols.",
            headers = @Header(name = "Cache-Control", required = true, schema = @Schema(ref = CACHE_CONTROL_HEADER)),
            content = @Content(mediaType = JSON, schema = @Schema(ref = SYMBOLS)))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST, description = "A bad prefix or limit, or an unknown parameter.")
    @ApiResponse(responseCode = "503", ref = UNAVAILABLE, description = "The database is unavailable.")
    public HttpResponse<Symbols> symbols(HttpRequest<?> request) {
        Map<String, String> query = RequestQuery.of(request);
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String name : query.keySet()) {
            if (!name.equals("prefix") && !name.equals("limit") && !name.startsWith("_")) {
                errors.add(new Problem.FieldError(name,
                        "is not a parameter of /v1/symbols (parameters: prefix, limit)"));
            }
        }
        String prefix = prefix(query.get("prefix"), errors);
        int limit = limit(query.get("limit"), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        return HttpResponse.ok(new Symbols(catalog.list(prefix, limit)))
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=" + MAX_AGE_SECONDS);
    }

    private static String prefix(String raw, List<Problem.FieldError> errors) {
        if (raw == null) {
            return "";
        }
        boolean valid = raw.length() <= MAX_PREFIX_LENGTH;
        for (int i = 0; valid && i < raw.length(); i++) {
            char c = raw.charAt(i);
            valid = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == '_';
        }
        if (!valid) {
            errors.add(new Problem.FieldError("prefix", "must be at most " + MAX_PREFIX_LENGTH
                    + " letters, digits, '.', '-' or '_', got " + QueryParser.shown(raw)));
            return "";
        }
        return raw.toUpperCase(Locale.ROOT);
    }

    private static int limit(String raw, List<Problem.FieldError> errors) {
        if (raw == null) {
            return SymbolCatalog.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= SymbolCatalog.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new Problem.FieldError("limit", "must be an integer between 1 and " + SymbolCatalog.MAX_LIMIT
                + ", got " + QueryParser.shown(raw)));
        return SymbolCatalog.DEFAULT_LIMIT;
    }
}
