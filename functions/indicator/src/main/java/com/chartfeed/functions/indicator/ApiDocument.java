package com.chartfeed.functions.indicator;

import com.chartfeed.functions.batch.BatchController;
import com.chartfeed.functions.cache.CacheController;
import io.micronaut.openapi.annotation.OpenAPIInclude;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;

import static com.chartfeed.api.OpenApiRefs.ADMIN_BEARER;
import static com.chartfeed.api.OpenApiRefs.ADMIN_TOKEN;
import static com.chartfeed.api.OpenApiRefs.TAG_CACHE;
import static com.chartfeed.api.OpenApiRefs.TAG_CANDLES;
import static com.chartfeed.api.OpenApiRefs.TAG_INDICATORS;
import static com.chartfeed.api.OpenApiRefs.TAG_PAGES;
import static com.chartfeed.api.OpenApiRefs.TAG_SYMBOLS;

/**
 * The OpenAPI document of the whole API, which micronaut-openapi writes at compile time
 * ({@code META-INF/swagger/openapi.yml}, served by {@link ApiDocsController}): its description,
 * the admin security schemes, and the controllers of the batch and cache-stats functions, read
 * from their class files ({@code @OpenAPIInclude}): one document although the routes are spread
 * over three Lambda functions. The shared components are in {@code src/main/openapi/components.yaml}.
 * Holds only annotations.
 */
@OpenAPIDefinition(
        info = @Info(title = "chartfeed", version = "1",
                description = """
                        Technical indicators over OHLCV candles for web charts. Times are candle open times in \
                        epoch seconds (UTC); series come in column form, ascending in time. Every study's \
                        parameters, their defaults and bounds, and its series are listed by the catalogue, \
                        `GET /v1/indicators`: this document describes the parameters every study takes and \
                        refers to the catalogue for the rest.

                        Every error is `application/problem+json` (RFC 9457) naming each bad field; a \
                        database outage with nothing cached is a `503` with `Retry-After`. Answers larger \
                        than a threshold are gzip-compressed when the request accepts it. The admin routes \
                        take the admin token as `Authorization: Bearer <token>`, or as `X-Admin-Token` \
                        behind API Gateway, where they also need an IAM (SigV4) signature in `Authorization`."""),
        tags = {
                @Tag(name = TAG_INDICATORS, description = "Studies: the catalogue, one series, or a batch of them."),
                @Tag(name = TAG_CANDLES, description = "Candles: read, and upload (admin)."),
                @Tag(name = TAG_SYMBOLS, description = "The symbols that have candles."),
                @Tag(name = TAG_CACHE, description = "Cache statistics, health and invalidation (admin)."),
                @Tag(name = TAG_PAGES, description = "The chart page, this document and its viewer.")})
@SecurityScheme(name = ADMIN_BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The admin token (`ADMIN_TOKEN`) as `Authorization: Bearer <token>`; the scheme in any case.")
@SecurityScheme(name = ADMIN_TOKEN, type = SecuritySchemeType.APIKEY, in = SecuritySchemeIn.HEADER,
        paramName = "X-Admin-Token",
        description = "The admin token in a header of its own, for API Gateway's admin routes, where "
                + "`Authorization` carries the request's AWS SigV4 signature.")
@OpenAPIInclude(classes = {BatchController.class, CacheController.class})
final class ApiDocument {
    private ApiDocument() {
    }
}
