package com.chartfeed.api;

/**
 * What the controllers' OpenAPI annotations share: the names of the document's components
 * ({@code functions/indicator/src/main/openapi/components.yaml}: the bodies' schemas, the query
 * parameters and error responses several routes take, the values of the caching headers), the
 * security schemes and the tags. Constants, so that an annotation can use them and a misspelt one
 * does not compile; {@code OpenApiDocumentTest} checks that every reference resolves.
 */
public final class OpenApiRefs {
    private static final String SCHEMAS = "#/components/schemas/";
    private static final String RESPONSES = "#/components/responses/";
    private static final String PARAMETERS = "#/components/parameters/";

    public static final String INTERVAL = SCHEMAS + "Interval";
    public static final String CANDLES = SCHEMAS + "Candles";
    public static final String CANDLE_UPLOAD = SCHEMAS + "CandleUpload";
    public static final String CANDLE_CSV = SCHEMAS + "CandleCsv";
    public static final String UPLOAD_RESULT = SCHEMAS + "UploadResult";
    public static final String INDICATOR_SERIES = SCHEMAS + "IndicatorSeries";
    public static final String CATALOGUE = SCHEMAS + "Catalogue";
    public static final String SYMBOLS = SCHEMAS + "Symbols";
    public static final String BATCH_REQUEST = SCHEMAS + "BatchRequest";
    public static final String BATCH_REQUEST_TEXT = SCHEMAS + "BatchRequestText";
    public static final String BATCH_RESPONSE = SCHEMAS + "BatchResponse";
    public static final String CACHE_STATS = SCHEMAS + "CacheStats";
    public static final String CACHE_HEALTH = SCHEMAS + "CacheHealth";
    public static final String INVALIDATION = SCHEMAS + "Invalidation";

    public static final String NOT_MODIFIED = RESPONSES + "NotModified";
    public static final String BAD_REQUEST = RESPONSES + "BadRequest";
    public static final String UNAUTHORIZED = RESPONSES + "Unauthorized";
    public static final String NOT_FOUND = RESPONSES + "NotFound";
    public static final String UNSUPPORTED_MEDIA_TYPE = RESPONSES + "UnsupportedMediaType";
    public static final String UNAVAILABLE = RESPONSES + "Unavailable";

    /** The values of the caching headers. */
    public static final String ETAG_HEADER = SCHEMAS + "ETag";
    public static final String CACHE_CONTROL_HEADER = SCHEMAS + "CacheControl";
    public static final String X_CACHE_HEADER = SCHEMAS + "XCache";
    public static final String SERVER_TIMING_HEADER = SCHEMAS + "ServerTiming";

    public static final String INTERVAL_PARAMETER = PARAMETERS + "Interval";
    public static final String LIMIT_PARAMETER = PARAMETERS + "Limit";
    public static final String FROM_PARAMETER = PARAMETERS + "From";
    public static final String TO_PARAMETER = PARAMETERS + "To";
    public static final String SOURCE_PARAMETER = PARAMETERS + "Source";
    public static final String STUDY_PARAMETERS_PARAMETER = PARAMETERS + "StudyParameters";
    public static final String IF_NONE_MATCH_PARAMETER = PARAMETERS + "IfNoneMatch";
    public static final String SYMBOL_PREFIX_PARAMETER = PARAMETERS + "SymbolPrefix";
    public static final String SYMBOLS_LIMIT_PARAMETER = PARAMETERS + "SymbolsLimit";
    public static final String INVALIDATED_INTERVAL_PARAMETER = PARAMETERS + "InvalidatedInterval";

    /** The {@code {symbol}} path parameter's description. */
    public static final String SYMBOL_DESCRIPTION = "The symbol, case-insensitive (`aapl` is `AAPL`).";

    /** The security schemes of the admin routes ({@code ApiDocument}): the token as a bearer token, or in its own header. */
    public static final String ADMIN_BEARER = "adminBearer";
    public static final String ADMIN_TOKEN = "adminToken";

    /** The tags the operations are grouped by. */
    public static final String TAG_INDICATORS = "indicators";
    public static final String TAG_CANDLES = "candles";
    public static final String TAG_SYMBOLS = "symbols";
    public static final String TAG_CACHE = "cache";
    public static final String TAG_PAGES = "pages";

    public static final String JSON = "application/json";

    private OpenApiRefs() {
    }
}
