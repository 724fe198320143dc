package com.chartfeed.candles;

import com.chartfeed.api.ProblemException;
import jakarta.inject.Singleton;

/** The whole stored history of a symbol and interval, the input of every indicator. */
@Singleton
public class CandleHistory {
    private final SymbolDirectory symbols;
    private final CandleStore store;

    public CandleHistory(SymbolDirectory symbols, CandleStore store) {
        this.symbols = symbols;
        this.store = store;
    }

    /** All candles, or {@code 404} when the symbol has never been stored. */
    public CandleColumns load(String symbol, Interval interval) {
        long id = symbols.find(symbol).orElseThrow(() ->
                ProblemException.notFound("symbol", "no candles are stored for " + symbol));
        return store.readAll(id, interval);
    }
}
