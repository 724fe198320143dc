package com.chartfeed.candles;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/** Stores uploaded candles (registering a new symbol on its first upload). */
@Singleton
public class CandleWriter {
    private final SymbolDirectory symbols;
    private final CandleStore store;

    public CandleWriter(SymbolDirectory symbols, CandleStore store) {
        this.symbols = symbols;
        this.store = store;
    }

    /** What an upsert wrote: the answer of {@code PUT /v1/candles}. */
    @Serdeable
    public record Written(String symbol, String interval, int upserted, long from, long to) {
    }

    public Written upsert(String symbol, Interval interval, CandleColumns candles) {
        long id = symbols.findOrCreate(symbol);
        int count = store.upsert(id, interval, candles);
        return new Written(symbol, interval.code(), count, candles.t()[0], candles.t()[candles.size() - 1]);
    }
}
