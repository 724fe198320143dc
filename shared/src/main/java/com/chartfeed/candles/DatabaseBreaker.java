package com.chartfeed.candles;

import com.chartfeed.cache.CacheStats;
import com.chartfeed.cache.CircuitBreaker;
import jakarta.inject.Singleton;

import java.sql.SQLTransientConnectionException;
import java.util.function.Supplier;

import static com.chartfeed.api.ServiceFaultHandler.causedByDatabase;

/**
 * Candle reads behind a circuit breaker. While PostgreSQL is down, a read waits for the pool's
 * connection timeout before failing; without the breaker every request for something not fresh
 * in the cache would wait that long before being answered {@code STALE} or {@code 503}. With it,
 * one read per {@link DatabaseSettings#breakerOpenFor()} finds out and the others are answered at
 * once.
 */
@Singleton
public final class DatabaseBreaker {
    private final CircuitBreaker breaker;
    private final CacheStats stats;

    public DatabaseBreaker(DatabaseSettings settings, CacheStats stats) {
        this.breaker = new CircuitBreaker(settings.breakerOpenFor());
        this.stats = stats;
    }

    /**
     * What {@code read} returns, or, while the breaker is open, a {@link Skipped} failure that the
     * cache treats as the database being unavailable.
     */
    public <T> T read(Supplier<T> read) {
        if (!breaker.allowRequest()) {
            stats.databaseSkipped();
            throw new Skipped();
        }
        try {
            T value = read.get();
            breaker.onSuccess();
            return value;
        } catch (RuntimeException failure) {
            if (causedByDatabase(failure)) {
                breaker.onFailure();
            } else {
                breaker.onSuccess(); // the database answered; the request was what failed (e.g. unknown symbol)
            }
            throw failure;
        }
    }

    public boolean isOpen() {
        return breaker.isOpen();
    }

    /** A read not tried because the database failed moments ago; caused by an SQL exception like a real failure. */
    public static final class Skipped extends RuntimeException {
        Skipped() {
            super("skipped: the database failed moments ago",
                    new SQLTransientConnectionException("circuit breaker open"));
        }
    }
}
