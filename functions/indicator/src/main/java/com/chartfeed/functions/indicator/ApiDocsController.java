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
 * The API's OpenAPI document, {@code GET /openapi.yml} (written at compile time by micronaut-openapi,
 * see {@link ApiDocument}), and a page that renders it, {@code GET /api-docs}: Swagger UI, vendored
 * under {@code api-docs/} as the chart library is under {@code chart/}. Served like the chart page
 * ({@link ClasspathFiles}), by the indicator function behind API Gateway and by the local server.
 */
@Controller
public class ApiDocsController {
    /** Where micronaut-openapi writes the document ({@code micronaut.openapi.filename} in openapi.properties). */
    static final String DOCUMENT = "openapi.yml";

    private final ClasspathFiles document = new ClasspathFiles("/META-INF/swagger/", name -> false);
    private final ClasspathFiles viewer = new ClasspathFiles("/api-docs/", name -> name.startsWith("swagger-ui"));

    @Get("/" + DOCUMENT)
    @Operation(operationId = "getOpenApiDocument", tags = TAG_PAGES, summary = "This document",
            description = "The OpenAPI 3.1 document of the whole API, as YAML.")
    @Parameter(name = "If-None-Match", ref = IF_NONE_MATCH_PARAMETER)
    @ApiResponse(responseCode = "200", description = "The document.",
            headers = {
                    @Header(name = "ETag", required = true, schema = @Schema(ref = ETAG_HEADER)),
                    @Header(name = "Cache-Control", required = true, schema = @Schema(ref = CACHE_CONTROL_HEADER))},
            content = @Content(mediaType = "application/yaml"))
    @ApiResponse(responseCode = "304", ref = NOT_MODIFIED, description = "The copy named by `If-None-Match` is current.")
    public HttpResponse<byte[]> document(HttpRequest<?> request) {
        return document.serve(request, DOCUMENT);
    }

    @Get("/api-docs")
    @Operation(operationId = "getApiDocs", tags = TAG_PAGES, summary = "This document, rendered",
            description = "A page that renders this document (Swagger UI), where each route can be tried.")
    @Parameter(name = "If-None-Match", ref = IF_NONE_MATCH_PARAMETER)
    @ApiResponse(responseCode = "200", description = "The page.",
            headers = {
                    @Header(name = "ETag", required = true, schema = @Schema(ref = ETAG_HEADER)),
                    @Header(name = "Cache-Control", required = true, schema = @Schema(ref = CACHE_CONTROL_HEADER))},
            content = @Content(mediaType = "text/html"))
    @ApiResponse(responseCode = "304", ref = NOT_MODIFIED, description = "The copy named by `If-None-Match` is current.")
    public HttpResponse<byte[]> page(HttpRequest<?> request) {
        return viewer.serve(request, "index.html");
    }

    @Get("/api-docs/{file}")
    @Operation(operationId = "getApiDocsFile", tags = TAG_PAGES, summary = "A file of the rendered document",
            description = "The page's script and the vendored Swagger UI with its licence; Swagger UI (its version "
                    + "in its name) may be kept a day, the rest is revalidated.")
    @Parameter(name = "If-None-Match", ref = IF_NONE_MATCH_PARAMETER)
    @ApiResponse(responseCode = "200", description = "The file.",
            headers = {
                    @Header(name = "ETag", required = true, schema = @Schema(ref = ETAG_HEADER)),
                    @Header(name = "Cache-Control", required = true, schema = @Schema(ref = CACHE_CONTROL_HEADER))},
            content = {@Content(mediaType = "text/javascript"), @Content(mediaType = "text/css"),
                    @Content(mediaType = "text/plain")})
    @ApiResponse(responseCode = "304", ref = NOT_MODIFIED, description = "The copy named by `If-None-Match` is current.")
    @ApiResponse(responseCode = "404", ref = NOT_FOUND, description = "No such file.")
    public HttpResponse<byte[]> file(
            @PathVariable @Parameter(description = "The file's name.",
                    schema = @Schema(type = "string", pattern = ClasspathFiles.NAME)) String file,
            HttpRequest<?> request) {
        return viewer.serve(request, file);
    }
}
