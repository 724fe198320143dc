package com.chartfeed.cache;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Tunables of refresh-ahead (prefix {@code cache.refresh-ahead}), defaulted in {@code application.yml}:
 * readers record which series they served per (symbol, interval), and the invalidation function
 * recomputes the most recently read of them into L2 right after an ingestion event, so that the
 * first chart after new candles is an L2 hit rather than a database read.
 *
 * @param enabled         both sides: readers record their reads, the invalidation function refreshes
 * @param maxKeysPerScope how many of the most recently read entries of a scope are recomputed
 * @param deadline        how long one invocation may spend refreshing; never past the Lambda's
 *                        remaining time less {@code lambdaReserve}
 * @param lambdaReserve   kept back from the Lambda's remaining time: one database read that starts
 *                        just before the deadline may take the datasource's connection timeout (2 s)
 * @param recentFor       how long a recorded read counts as recent (and the record is kept)
 * @param flushInterval   how often a reader container sends the keys it served to Redis
 * @param keptPerScope    how many recorded keys Redis keeps per scope (the most recent)
 */
@ConfigurationProperties("cache.refresh-ahead")
public record RefreshAheadSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "8") int maxKeysPerScope,
        @Bindable(defaultValue = "2s") Duration deadline,
        @Bindable(defaultValue = "3s") Duration lambdaReserve,
        @Bindable(defaultValue = "10m") Duration recentFor,
        @Bindable(defaultValue = "1s") Duration flushInterval,
        @Bindable(defaultValue = "32") int keptPerScope) {
}
