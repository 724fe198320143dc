package com.chartfeed.candles;

import com.chartfeed.settings.Setting;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;

import java.time.Duration;

/**
 * How candle reads treat a failing database (prefix {@code candles.database}), defaulted in
 * {@code application.yml}.
 *
 * @param breakerOpenFor after a read fails for want of the database, reads are skipped this long
 *                       (answers come from the cache as {@code STALE}, or are {@code 503}), then
 *                       one read probes it again
 * @param lockTimeout    how long a write waits for its (symbol, interval)'s row lock, held by
 *                       another writer of it until that one commits ({@link CandleVersions}); then
 *                       it fails as busy ({@code 503}, {@code Retry-After: 1}). Well below the
 *                       driver's socket timeout, which would call the database unreachable
 */
@Context
@ConfigurationProperties("candles.database")
public record DatabaseSettings(Duration breakerOpenFor, Duration lockTimeout) {

    public DatabaseSettings {
        Setting.positive("candles.database.breaker-open-for", breakerOpenFor);
        // PostgreSQL reads a lock_timeout of 0 as none at all: a writer would wait for ever.
        Setting.positive("candles.database.lock-timeout", lockTimeout);
    }
}
