package com.chartfeed.candles;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Candle reads behind a circuit breaker. While PostgreSQL is down, a read waits for the pool's
 * connection timeout before failing; without the breaker every request for something not fresh
 * in the cache would wait that long before being answered {@code STALE} or {@code 503}. With it,
 * one read per {@link DatabaseSettings#breakerOpenFor()} finds out and the others are answered at
 * once.
 *
 * <p>Only a database that cannot be reached ({@link DatabaseFault#UNREACHABLE}) opens it. A busy
 * pool is back-pressure: that request is a {@code 503} with a short {@code Retry-After}, and the
 * outcome counts neither way. A query PostgreSQL rejects proves the database is up: the failure
 * goes on to be a logged {@code 500} for that request. Resilience4j's breaker, because it can
 * ignore an outcome and hand the half-open probe to the next read.
 */
@Singleton
public final class DatabaseBreaker {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseBreaker.class);
    /** How soon a request refused for want of a free connection may try again. */
    public static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);

    private final CircuitBreaker breaker;
    private final SkippedReads stats;
    private final HikariDataSource pool;

    public DatabaseBreaker(DatabaseSettings settings, SkippedReads stats, DataSource dataSource) {
        this.breaker = CircuitBreaker.of("database", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(1)
                .minimumNumberOfCalls(1)
                .failureRateThreshold(100)
                .waitDurationInOpenState(settings.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .writableStackTraceEnabled(false)
                .recordException(failure -> DatabaseFault.of(failure) == DatabaseFault.UNREACHABLE)
                .ignoreException(failure -> DatabaseFault.of(failure) == DatabaseFault.BUSY)
                .build());
        this.stats = stats;
        this.pool = hikari(dataSource);
    }

    /**
     * What {@code read} returns. While the breaker is open: a {@link Skipped} failure, which the
     * cache treats as the database being unavailable. When every connection is busy: the
     * failure itself ({@link DatabaseFault#BUSY}), a {@code 503} for this request only.
     */
    public <T> T read(Supplier<T> read) {
        if (!breaker.tryAcquirePermission()) {
            stats.databaseSkipped();
            throw new Skipped();
        }
        long start = System.nanoTime();
        try {
            T value = read.get();
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return value;
        } catch (RuntimeException failure) {
            RuntimeException outcome = failure;
            DatabaseFault fault = DatabaseFault.of(failure);
            if (fault == DatabaseFault.BUSY && !poolFull()) {
                // The wait ran out while the pool had room: it could not open a connection in time.
                outcome = new Unreachable(failure);
                fault = DatabaseFault.UNREACHABLE;
            }
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, outcome);
            if (fault == DatabaseFault.BUSY) {
                // Answered 503 with BUSY_RETRY_AFTER by the HTTP layer (FaultProblems, for a route and a batch's slot alike).
                LOG.warn("every database connection busy: {}", failure.toString());
            }
            throw outcome;
        }
    }

    /** Whether reads are being skipped (open, or half-open waiting for its probe). */
    public boolean isOpen() {
        return breaker.getState() != CircuitBreaker.State.CLOSED;
    }

    /** Whether the pool holds all the connections it may, so a timed-out wait means they were all in use. */
    private boolean poolFull() {
        HikariPoolMXBean state = pool == null ? null : pool.getHikariPoolMXBean();
        return state == null || state.getTotalConnections() >= pool.getMaximumPoolSize();
    }

    private static HikariDataSource hikari(DataSource dataSource) {
        try {
            return dataSource != null && dataSource.isWrapperFor(HikariDataSource.class)
                    ? dataSource.unwrap(HikariDataSource.class) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    /** A read not tried because the database failed moments ago. */
    public static final class Skipped extends Unreachable {
        Skipped() {
            super("skipped: the database failed moments ago", null);
        }
    }

    /** A read that failed because PostgreSQL could not be reached. */
    public static class Unreachable extends RuntimeException {
        Unreachable(Throwable cause) {
            super("the database could not be reached: " + cause, cause);
        }

        Unreachable(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
