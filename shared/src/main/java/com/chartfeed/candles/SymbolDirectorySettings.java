package com.chartfeed.candles;

import com.chartfeed.settings.Setting;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;

import java.time.Duration;

/**
 * How long symbol lookups are remembered (prefix {@code candles.symbols}), defaulted in
 * {@code application.yml}. Unknown symbols are remembered too, briefly, so a chart polling a
 * symbol that does not exist does not reach the database on every request.
 *
 * @param knownTtl   how long a known symbol's id is kept (ids never change)
 * @param unknownTtl how long "no such symbol" is kept; bounds how late another container sees a new
 *                   symbol, so never longer than {@code cache.staleness-budget} (a longer one is cut to it)
 * @param maximumSize how many lookups are kept
 */
@Context
@ConfigurationProperties("candles.symbols")
public record SymbolDirectorySettings(Duration knownTtl, Duration unknownTtl, long maximumSize) {

    public SymbolDirectorySettings {
        Setting.positive("candles.symbols.known-ttl", knownTtl);
        Setting.notNegative("candles.symbols.unknown-ttl", unknownTtl);
        Setting.notNegative("candles.symbols.maximum-size", maximumSize);
    }
}
