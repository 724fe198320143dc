package com.chartfeed.candles;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How long symbol lookups are remembered. Unknown symbols are remembered too, briefly, so a chart
 * polling a symbol that does not exist does not reach the database on every request.
 *
 * @param knownTtl   how long a known symbol's id is kept (ids never change)
 * @param unknownTtl how long "no such symbol" is kept; bounds how late another container sees a new
 *                   symbol, so never longer than {@code cache.staleness-budget} (a longer one is cut to it)
 * @param maximumSize how many lookups are kept
 */
@ConfigurationProperties("candles.symbols")
public record SymbolDirectorySettings(
        @Bindable(defaultValue = "10m") Duration knownTtl,
        @Bindable(defaultValue = "1s") Duration unknownTtl,
        @Bindable(defaultValue = "100000") long maximumSize) {
}
