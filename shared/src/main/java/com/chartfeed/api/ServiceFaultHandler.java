package com.chartfeed.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;

/**
 * The last resort for exceptions nobody expected. A database fault is {@code 503} with
 * {@code Retry-After} (the client should come back); anything else is a logged {@code 500} in
 * problem+json that reveals nothing of the internals.
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
public final class ServiceFaultHandler implements ExceptionHandler<RuntimeException, HttpResponse<String>> {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceFaultHandler.class);
    static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(5);

    private final Problems problems;

    public ServiceFaultHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<String> handle(HttpRequest request, RuntimeException exception) {
        if (causedByDatabase(exception)) {
            LOG.warn("database unavailable for {} {}: {}", request.getMethod(), request.getPath(), exception.toString());
            return problems.response(ProblemException.unavailable(
                    "The candle database is unavailable and nothing is cached for this request.",
                    DATABASE_RETRY_AFTER));
        }
        LOG.error("unexpected failure for {} {}", request.getMethod(), request.getPath(), exception);
        return problems.response(ProblemException.internal());
    }

    /** Whether a {@link SQLException} is anywhere in the cause chain. */
    public static boolean causedByDatabase(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
