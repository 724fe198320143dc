package com.chartfeed.api;

import com.chartfeed.problems.Problem;
import com.chartfeed.problems.ProblemException;
import com.chartfeed.candles.DatabaseBreaker;
import com.chartfeed.candles.DatabaseFault;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The last resort for exceptions nobody expected. A database that cannot be reached, whose
 * connections are all busy, or whose row a write waited for too long, is {@code 503} with
 * {@code Retry-After} (the client should come back);
 * anything else, a query PostgreSQL rejected included, is a logged {@code 500} in problem+json
 * that reveals nothing of the internals.
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
        DatabaseFault fault = DatabaseFault.of(exception);
        if (fault == DatabaseFault.UNREACHABLE) {
            LOG.warn("database unavailable for {} {}: {}", request.getMethod(), request.getPath(), exception.toString());
            return problems.response(ProblemException.unavailable(
                    "The candle database is unavailable and nothing is cached for this request.",
                    DATABASE_RETRY_AFTER));
        }
        if (fault == DatabaseFault.BUSY && DatabaseFault.lockTimedOut(exception)) {
            LOG.warn("waited too long for another write of the same candles for {} {}: {}", request.getMethod(),
                    request.getPath(), exception.toString());
            return problems.response(ProblemException.unavailable(
                    "Another write of the same candles is in progress; retry in a moment.",
                    DatabaseBreaker.BUSY_RETRY_AFTER));
        }
        if (fault == DatabaseFault.BUSY) {
            LOG.warn("every database connection busy for {} {}: {}", request.getMethod(), request.getPath(),
                    exception.toString());
            return problems.response(ProblemException.unavailable(
                    "Every database connection is busy; retry in a moment.", DatabaseBreaker.BUSY_RETRY_AFTER));
        }
        LOG.error("unexpected failure for {} {}{}", request.getMethod(), request.getPath(),
                fault == DatabaseFault.QUERY ? " (a database query failed)" : "", exception);
        return problems.response(ProblemException.internal());
    }

    /**
     * Whether {@code failure} is PostgreSQL being unreachable (an outage: answer from the cache as
     * {@code STALE}, or {@code 503}), as opposed to a busy pool or a failed query.
     */
    public static boolean causedByDatabase(Throwable failure) {
        return DatabaseFault.of(failure) == DatabaseFault.UNREACHABLE;
    }
}
