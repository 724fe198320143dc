package com.chartfeed.local;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import com.chartfeed.candles.SymbolDirectory;
import com.chartfeed.service.CandleWriter;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fills the local server's embedded H2 default ({@code application-local.yml}) with sample candles
 * at start-up, so the Quick start serves charts with no database installed. Never runs against
 * PostgreSQL, and exists only in the local server: the Lambda jars carry neither H2 nor this.
 * With {@code candles.sample-data.in-background} (the Quick start's server, {@link LocalServer}),
 * start-up does not wait: the candles load while the server already takes requests, AAPL's first,
 * and {@link SampleDataGate} holds each request until what it may read is there. Otherwise (the
 * tests, the handlers' own contexts) start-up waits for all of them.
 */
@Singleton
@Requires(property = "datasources.default.url", pattern = "jdbc:h2:.*")
@Requires(property = "candles.sample-data.enabled", notEquals = "false")
final class SampleDataLoader implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(SampleDataLoader.class);
    /** Two US stocks in their regular session and a crypto pair trading around the clock. */
    static final List<SampleCandles.Market> MARKETS = List.of(
            new SampleCandles.Market("AAPL", 252.40, 150, 300, 0.018, 50_000_000, TradingHours.US_EQUITIES),
            new SampleCandles.Market("MSFT", 441.70, 300, 500, 0.016, 22_000_000, TradingHours.US_EQUITIES),
            new SampleCandles.Market("BTCUSD", 87_650, 20_000, 100_000, 0.035, 25_000, TradingHours.ALWAYS));
    /** Enough to scroll back a few screens in every interval (the chart page loads 500 at a time). */
    static final int CANDLES_PER_SERIES = 2_000;

    private final CandleWriter writer;
    private final SymbolDirectory symbols;
    /** Present with {@code candles.sample-data.in-background=true} only: then the loading is in the background. */
    private final @Nullable SampleDataGate gate;

    SampleDataLoader(CandleWriter writer, SymbolDirectory symbols, @Nullable SampleDataGate gate) {
        this.writer = writer;
        this.symbols = symbols;
        this.gate = gate;
    }

    private record Series(String symbol, Interval interval, CandleColumns candles) {
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (gate == null) {
            if (symbols.find("AAPL").isEmpty()) {
                load();
            }
            return;
        }
        if (symbols.find("AAPL").isPresent()) {
            gate.openAll();
            return;
        }
        Thread.ofPlatform().name("sample-candles").daemon().start(() -> {
            try {
                load();
            } catch (RuntimeException | Error e) {
                LOG.error("loading the sample candles failed; requests that need them fail too", e);
                gate.fail(e);
            }
        });
    }

    private void load() {
        long start = System.nanoTime();
        long generating = 0;
        List<Series> all = new ArrayList<>();
        for (SampleCandles.Market market : MARKETS) {
            long generated = System.nanoTime();
            Map<Interval, CandleColumns> candles = SampleCandles.generate(market, CANDLES_PER_SERIES);
            generating += System.nanoTime() - generated;
            candles.forEach((interval, columns) -> all.add(new Series(market.symbol(), interval, columns)));
        }
        // Each series is an upload of its own (its own transaction and version), so a symbol's are
        // written on every core at once: about a sixth shorter on two cores than one after another
        // (H2 serialises much of it). One symbol after another, in MARKETS' order, so that the
        // first (AAPL, the chart page's and the README's) is served first. The symbols are
        // registered first, so that no two uploads race to register one.
        MARKETS.forEach(market -> symbols.findOrCreate(market.symbol()));
        for (SampleCandles.Market market : MARKETS) {
            all.parallelStream().filter(series -> series.symbol().equals(market.symbol()))
                    .forEach(series -> writer.upsert(series.symbol(), series.interval(), series.candles()));
            if (gate != null) {
                gate.open(market.symbol());
            }
        }
        LOG.info("loaded sample candles for {} ({} per interval) in {} ms, {} ms of it generating",
                MARKETS.stream().map(SampleCandles.Market::symbol).toList(), CANDLES_PER_SERIES,
                (System.nanoTime() - start) / 1_000_000, generating / 1_000_000);
    }
}
