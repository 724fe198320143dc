package com.chartfeed.local;

import com.chartfeed.candles.Interval;
import com.chartfeed.candles.SymbolDirectory;
import com.chartfeed.service.CandleWriter;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Fills the local server's embedded H2 default ({@code application-local.yml}) with sample candles
 * at start-up, so the Quick start serves charts with no database installed. Never runs against
 * PostgreSQL, and exists only in the local server: the Lambda jars carry neither H2 nor this.
 */
@Singleton
@Requires(property = "datasources.default.url", pattern = "jdbc:h2:.*")
@Requires(property = "candles.sample-data.enabled", notEquals = "false")
final class SampleDataLoader implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(SampleDataLoader.class);
    static final Map<String, Double> SYMBOLS = Map.of("AAPL", 190.0, "MSFT", 410.0, "BTCUSD", 42_000.0);
    static final int CANDLES_PER_SERIES = 2_000;

    private final CandleWriter writer;
    private final SymbolDirectory symbols;

    SampleDataLoader(CandleWriter writer, SymbolDirectory symbols) {
        this.writer = writer;
        this.symbols = symbols;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (symbols.find("AAPL").isPresent()) {
            return;
        }
        long start = System.nanoTime();
        SYMBOLS.forEach((symbol, price) -> {
            for (Interval interval : Interval.values()) {
                writer.upsert(symbol, interval, SampleCandles.generate(symbol, interval, CANDLES_PER_SERIES, price));
            }
        });
        LOG.info("loaded sample candles for {} ({} per interval) in {} ms", SYMBOLS.keySet(), CANDLES_PER_SERIES,
                (System.nanoTime() - start) / 1_000_000);
    }
}
