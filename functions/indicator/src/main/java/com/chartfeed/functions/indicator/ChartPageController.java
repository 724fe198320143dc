package com.chartfeed.functions.indicator;

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

import static com.chartfeed.api.OpenApiRefs.CACHE_CONTROL_HEADER;
import static com.chartfeed.api.OpenApiRefs.ETAG_HEADER;
import static com.chartfeed.api.OpenApiRefs.IF_NONE_MATCH_PARAMETER;
import static com.chartfeed.api.OpenApiRefs.NOT_FOUND;
import static com.chartfeed.api.OpenApiRefs.NOT_MODIFIED;
import static com.chartfeed.api.OpenApiRefs.TAG_PAGES;

/**
 * The chart page: {@code GET /} and its files under {@code GET /chart/{file}}, from the classpath's
 * {@code chart/} folder. A controller rather than Micronaut's static resources so the indicator
 * Lambda serves them exactly as the local server does (API Gateway routes {@code GET /} and
 * {@code GET /chart/{proxy+}} to it), as {@link ClasspathFiles}: the vendored chart library kept
 * a day, the page's own files revalidated.
 */
@Controller
public class ChartPageController {
    private final ClasspathFiles files = new ClasspathFiles("/chart/", name -> name.startsWith("lightweight-charts-"));

    @Get
    @Operation(operationId = "getChartPage", tags = TAG_PAGES, summary = "The chart page",
            description = "A chart of candles, volume and studies driven only by this API; the URL is the view "
                    + "(`/?symbol=AAPL&interval=1h&study=rsi:period=14`).")
    @Parameter(name = "If-None-Match", ref = IF_NONE_MATCH_PARAMETER)
    @ApiResponse(responseCode = "200", description = "The page.",
            headers = {
                    @Header(name = "ETag", required = true, schema = @Schema(ref = ETAG_HEADER)),
                    @Header(name = "Cache-Control", required = true, schema = @Schema(ref = CACHE_CONTROL_HEADER))},
            content = @Content(mediaType = "text/html"))
    @ApiResponse(responseCode = "304", ref = NOT_MODIFIED, description = "The copy named by `If-None-Match` is current.")
    public HttpResponse<byte[]> page(HttpRequest<?> request) {
        return files.serve(request, "index.html");
    }

    /** Browsers ask for it on every page of the origin; the page's icon, rather than a 404 in their console. */
    @Get("/favicon.ico")
    @Operation(operationId = "getFavicon", tags = TAG_PAGES, summary = "The site's icon")
    @Parameter(name = "If-None-Match", ref = IF_NONE_MATCH_PARAMETER)
    @ApiResponse(responseCode = "200", description = "The icon.",
            headers = {
                    @Header(name = "ETag", required = true, schema = @Schema(ref = ETAG_HEADER)),
                    @Header(name = "Cache-Control", required = true, schema = @Schema(ref = CACHE_CONTROL_HEADER))},
            content = @Content(mediaType = "image/svg+xml"))
    @ApiResponse(responseCode = "304", ref = NOT_MODIFIED, description = "The copy named by `If-None-Match` is current.")
    public HttpResponse<byte[]> favicon(HttpRequest<?> request) {
        return files.serve(request, "favicon.svg");
    }

    @Get("/chart/{file}")
    @Operation(operationId = "getChartFile", tags = TAG_PAGES, summary = "A file of the chart page",
            description = "The page's scripts, styles and icon, and the vendored chart library with its licence; "
                    + "the library (its version in its name) may be kept a day, the rest is revalidated.")
    @Parameter(name = "If-None-Match", ref = IF_NONE_MATCH_PARAMETER)
    @ApiResponse(responseCode = "200", description = "The file.",
            headers = {
                    @Header(name = "ETag", required = true, schema = @Schema(ref = ETAG_HEADER)),
                    @Header(name = "Cache-Control", required = true, schema = @Schema(ref = CACHE_CONTROL_HEADER))},
            content = {@Content(mediaType = "text/javascript"), @Content(mediaType = "text/css"),
                    @Content(mediaType = "text/html"), @Content(mediaType = "image/svg+xml"),
                    @Content(mediaType = "image/png"), @Content(mediaType = "text/plain")})
    @ApiResponse(responseCode = "304", ref = NOT_MODIFIED, description = "The copy named by `If-None-Match` is current.")
    @ApiResponse(responseCode = "404", ref = NOT_FOUND, description = "No such file.")
    public HttpResponse<byte[]> file(
            @PathVariable @Parameter(description = "The file's name.",
                    schema = @Schema(type = "string", pattern = ClasspathFiles.NAME)) String file,
            HttpRequest<?> request) {
        return files.serve(request, file);
    }
}
