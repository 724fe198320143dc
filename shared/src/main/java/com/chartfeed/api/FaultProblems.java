package com.chartfeed.api;

import com.chartfeed.candles.DatabaseBreaker;
import com.chartfeed.candles.DatabaseFault;
import com.chartfeed.indicators.HistoryTooLongException;
import com.chartfeed.problems.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The one mapping from a failed request to the problem its client gets, for the HTTP routes
 * ({@link ServiceFaultHandler}) and each item of a batch alike. A problem is its own answer; a
 * history longer than the study computes over is a {@code 400} naming the interval (a longer one
 * holds fewer candles). A database that cannot be reached, whose connections are all busy, or
 * whose row a write waited for too long, is {@code 503} with {@code Retry-After} (the client should
 * come back); anything else, a query PostgreSQL rejected included, is a logged {@code 500} that
 * reveals nothing of the internals.
 */
public final class FaultProblems {
    private static final Logger LOG = LoggerFactory.getLogger(FaultProblems.class);
    /** How soon a client may try again when the database is out and nothing is cached. */
    static final Duration DATABASE_RETRY_AFTER = Duration.ofSeconds(5);

    private FaultProblems() {
    }

    /** The problem for {@code cause}, logged as happening {@code during} (e.g. {@code GET /v1/...}). */
    public static ProblemException of(Throwable cause, String during) {
        if (cause instanceof ProblemException problem) {
            return problem;
        }
        if (cause instanceof HistoryTooLongException tooLong) {
            return ProblemException.badRequest("interval", tooLong.getMessage());
        }
        DatabaseFault fault = DatabaseFault.of(cause);
        if (fault == DatabaseFault.UNREACHABLE) {
            LOG.warn("database unavailable for {}: {}", during, cause.toString());
            return ProblemException.unavailable(
                    "The candle database is unavailable and nothing is cached for this request.",
                    DATABASE_RETRY_AFTER);
        }
        if (fault == DatabaseFault.BUSY && DatabaseFault.lockTimedOut(cause)) {
            LOG.warn("waited too long for another write of the same candles for {}: {}", during, cause.toString());
            return ProblemException.unavailable(
                    "Another write of the same candles is in progress; retry in a moment.",
                    DatabaseBreaker.BUSY_RETRY_AFTER);
        }
        if (fault == DatabaseFault.BUSY) {
            LOG.warn("every database connection busy for {}: {}", during, cause.toString());
            return ProblemException.unavailable(
                    "Every database connection is busy; retry in a moment.", DatabaseBreaker.BUSY_RETRY_AFTER);
        }
        LOG.error("unexpected failure for {}{}", during,
                fault == DatabaseFault.QUERY ? " (a database query failed)" : "", cause);
        return ProblemException.internal();
    }
}
