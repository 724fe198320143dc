package com.chartfeed.logging;

import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What every log line of a Lambda invocation carries (MDC: {@code function}, {@code awsRequestId},
 * {@code apiRequestId}; {@link JsonLineEncoder} adds {@code traceId}), and the one access-log line
 * of each HTTP invocation, whose route, status, duration and {@code X-Cache} are fields of their
 * own in the JSON logs.
 *
 * <p>One name per meaning, the same in the log lines, the EMF records
 * ({@link com.chartfeed.metrics.InvocationMetrics}) and the API's access log: {@code awsRequestId}
 * is Lambda's id of the invocation, {@code apiRequestId} API Gateway's id of the request,
 * {@code traceId} X-Ray's. micronaut-function-aws's own copies ({@code AWSRequestId},
 * {@code AWS-XRAY-TRACE-ID}, ...) are not added ({@link LambdaDiagnostics}).
 *
 * <p>Never logged: headers, query strings, bodies. The admin token travels in headers only, so no
 * line can carry it.
 */
public final class RequestLog {
    public static final String FUNCTION = "function";
    public static final String AWS_REQUEST_ID = "awsRequestId";
    public static final String API_REQUEST_ID = "apiRequestId";
    /** X-Ray's trace id ({@link XRayTrace}), added to every JSON line by {@link JsonLineEncoder}. */
    public static final String TRACE_ID = "traceId";
    /** The access log's logger. */
    public static final String ACCESS_LOGGER = "com.chartfeed.access";
    private static final Logger ACCESS = LoggerFactory.getLogger(ACCESS_LOGGER);

    private RequestLog() {
    }

    /** Puts the invocation's ids in the MDC of this thread, where the Lambda runtime runs the handler. */
    public static void begin(String function, @Nullable String awsRequestId, @Nullable String apiRequestId) {
        MDC.put(FUNCTION, function);
        if (awsRequestId != null) {
            MDC.put(AWS_REQUEST_ID, awsRequestId);
        }
        if (apiRequestId != null) {
            MDC.put(API_REQUEST_ID, apiRequestId);
        }
    }

    /** Takes them out again: the next invocation of this container has its own. */
    public static void end() {
        MDC.remove(FUNCTION);
        MDC.remove(AWS_REQUEST_ID);
        MDC.remove(API_REQUEST_ID);
    }

    /**
     * The access-log line of one HTTP invocation.
     *
     * @param route  API Gateway's route key, or the method and path
     * @param status the answer's status; 0 when the handler failed without one
     * @param xCache the answer's {@code X-Cache}, when it has one
     */
    public static void access(String route, int status, long nanos, @Nullable String xCache) {
        double millis = Math.round(nanos / 10_000.0) / 100.0;
        ACCESS.atInfo()
                .addKeyValue("route", route)
                .addKeyValue("status", status)
                .addKeyValue("durationMs", millis)
                .addKeyValue("xCache", xCache)
                .log("{} {} {} ms{}", route, status, millis, xCache == null ? "" : " " + xCache);
    }
}
