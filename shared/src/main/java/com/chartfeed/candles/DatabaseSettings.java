package com.chartfeed.candles;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How candle reads treat a failing database (prefix {@code candles.database}).
 *
 * @param breakerOpenFor after a read fails for want of the database, reads are skipped this long
 *                       (answers come from the cache as {@code STALE}, or are {@code 503}), then
 *                       one read probes it again
 * @param lockTimeout    how long a write waits for its (symbol, interval)'s row lock, held by
 *                       another writer of it until that one commits ({@link CandleVersions}); then
 *                       it fails as busy ({@code 503}, {@code Retry-After: 1}). Well below the
 *                       driver's socket timeout, which would call the database unreachable
 */
@ConfigurationProperties("candles.database")
public record DatabaseSettings(@Bindable(defaultValue = "2s") Duration breakerOpenFor,
                               @Bindable(defaultValue = "2s") Duration lockTimeout) {
}
