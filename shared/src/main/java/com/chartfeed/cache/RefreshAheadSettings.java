package com.chartfeed.cache;

import com.chartfeed.settings.Setting;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;

import java.time.Duration;

/**
 * Tunables of refresh-ahead (prefix {@code cache.refresh-ahead}), defaulted in {@code application.yml}:
 * readers record which series they served per (symbol, interval), and the invalidation function
 * recomputes the most read of them into L2 right after an ingestion event, so that the
 * first chart after new candles is an L2 hit rather than a database read.
 *
 * @param enabled         both sides: readers count their reads, the invalidation function refreshes
 * @param maxKeysPerScope how many of a scope's most read entries are recomputed
 * @param deadline        how long one invocation may spend refreshing; never past the Lambda's
 *                        remaining time less {@code lambdaReserve}
 * @param lambdaReserve   kept back from the Lambda's remaining time: one database read that starts
 *                        just before the deadline may take the datasource's connection timeout (2 s)
 * @param recentFor       reads are counted per window of this length; the current and the previous
 *                        window's counts rank the entries, so a read counts for one to two windows
 * @param flushInterval   how often a reader container adds the counts of what it served to Redis
 * @param keptPerScope    how many entries Redis counts per scope and window (the most read)
 */
@Context
@ConfigurationProperties("cache.refresh-ahead")
public record RefreshAheadSettings(
        boolean enabled,
        int maxKeysPerScope,
        Duration deadline,
        Duration lambdaReserve,
        Duration recentFor,
        Duration flushInterval,
        int keptPerScope) {

    public RefreshAheadSettings {
        Setting.positive("cache.refresh-ahead.max-keys-per-scope", maxKeysPerScope);
        Setting.positive("cache.refresh-ahead.deadline", deadline);
        Setting.notNegative("cache.refresh-ahead.lambda-reserve", lambdaReserve);
        Setting.positive("cache.refresh-ahead.recent-for", recentFor);
        Setting.positive("cache.refresh-ahead.flush-interval", flushInterval);
        Setting.positive("cache.refresh-ahead.kept-per-scope", keptPerScope);
    }

    /** The number of the counting window {@code epochMillis} falls in. */
    public long window(long epochMillis) {
        return epochMillis / recentFor.toMillis();
    }
}
