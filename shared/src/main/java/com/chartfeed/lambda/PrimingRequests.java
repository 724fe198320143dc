package com.chartfeed.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The events and Lambda context of SnapStart's priming requests (see {@link SnapStartHooks}): real
 * API Gateway HTTP API events and SNS notifications on a symbol no one stores, so they take the
 * whole path (routing, validation, the symbol lookup in the database, the cache, JSON) whatever
 * data exists.
 */
public final class PrimingRequests {
    /** A valid symbol name that stays unknown: its answers are 404s, or empty invalidations. */
    public static final String SYMBOL = "SNAPSTART-PRIMING";
    private static final String REQUEST_ID = "snapstart-priming";

    private PrimingRequests() {
    }

    public static APIGatewayV2HTTPEvent get(String path, String query) {
        return event("GET", path, query, null);
    }

    public static APIGatewayV2HTTPEvent postJson(String path, String json) {
        return event("POST", path, "", json);
    }

    private static APIGatewayV2HTTPEvent event(String method, String path, String query, String body) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString(query)
                .withHeaders(body == null ? Map.of("accept", "application/json")
                        : Map.of("accept", "application/json", "content-type", "application/json",
                        "content-length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length)))
                .withBody(body)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath(path).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1")
                                .build())
                        .withRequestId(REQUEST_ID)
                        .build())
                .build();
    }

    /**
     * An SNS notification of an hour of candles of {@link #SYMBOL}, as the candle-invalidation
     * function receives one: the ingestion event is its message, JSON in a JSON string.
     */
    public static byte[] candleNotification() {
        String message = """
                {"symbol":"%s","interval":"1h","from":1700000000,"to":1700003600}""".formatted(SYMBOL);
        return """
                {"Records":[{"EventSource":"aws:sns","Sns":{"Type":"Notification","MessageId":"%s","Message":"%s"}}]}"""
                .formatted(REQUEST_ID, message.replace("\"", "\\\"")).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code context} is a priming request's: what it does is not counted in the metrics. */
    public static boolean isPriming(Context context) {
        return context != null && REQUEST_ID.equals(context.getAwsRequestId());
    }

    /** The Lambda context of a priming request: the function's whole timeout (15 s) ahead of it. */
    public static Context context() {
        return new LocalLambdaContext("snapstart-priming", REQUEST_ID, 15_000);
    }
}
