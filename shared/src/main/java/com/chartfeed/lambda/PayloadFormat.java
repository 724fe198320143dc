package com.chartfeed.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.chartfeed.problems.ProblemException;
import io.micronaut.core.annotation.Nullable;

/**
 * Whether an event is one the HTTP functions can route: API Gateway HTTP API payload format 2.0,
 * whose {@code requestContext.http} carries the method and path. A REST API's proxy integration,
 * or an HTTP API integration left at {@code PayloadFormatVersion: 1.0}, sends format 1.0 instead
 * ({@code httpMethod}, {@code path}, {@code multiValueQueryStringParameters}); the API Gateway
 * adapter would fail on it with a NullPointerException and the caller would get API Gateway's
 * bare {@code 500 Internal Server Error}. It is a deployment mistake no request can fix, so a
 * {@code 501} that says what the function needs.
 */
final class PayloadFormat {
    static final String REQUIRED = "2.0";

    private PayloadFormat() {
    }

    /** The problem to answer instead of routing {@code event}, or {@code null} if it can be routed. */
    static @Nullable ProblemException unsupported(@Nullable APIGatewayV2HTTPEvent event) {
        if (event != null && event.getRequestContext() != null && event.getRequestContext().getHttp() != null) {
            return null;
        }
        String version = event == null ? null : event.getVersion();
        String got = REQUIRED.equals(version)
                ? "this event has no requestContext.http"
                : "this event is payload format " + (version == null ? "1.0 (a REST API's, which sends no version)"
                : "version " + version) + "; set the integration's PayloadFormatVersion to " + REQUIRED;
        return ProblemException.notImplemented("This function takes API Gateway HTTP API events in payload format "
                + "version " + REQUIRED + " (requestContext.http); " + got + ".");
    }
}
