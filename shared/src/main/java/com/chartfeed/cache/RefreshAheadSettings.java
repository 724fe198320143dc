package com.chartfeed.cache;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

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
@ConfigurationProperties("cache.refresh-ahead")
public record RefreshAheadSettings(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "8") int maxKeysPerScope,
        @Bindable(defaultValue = "2s") Duration deadline,
        @Bindable(defaultValue = "3s") Duration lambdaReserve,
        @Bindable(defaultValue = "10m") Duration recentFor,
        @Bindable(defaultValue = "1s") Duration flushInterval,
        @Bindable(defaultValue = "32") int keptPerScope) {

    /** The number of the counting window {@code epochMillis} falls in. */
    public long window(long epochMillis) {
        return epochMillis / recentFor.toMillis();
    }
}
