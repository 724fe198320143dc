package com.chartfeed.candles;

import com.chartfeed.cache.CacheInvalidator;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

/**
 * Stores uploaded candles (registering a new symbol on its first upload), then invalidates what
 * they touch: the symbol's cached values in that interval, fleet-wide.
 */
@Singleton
public class CandleWriter {
    private final SymbolDirectory symbols;
    private final CandleStore store;
    private final CacheInvalidator invalidator;

    public CandleWriter(SymbolDirectory symbols, CandleStore store, CacheInvalidator invalidator) {
        this.symbols = symbols;
        this.store = store;
        this.invalidator = invalidator;
    }

    /**
     * What an upsert wrote: the answer of {@code PUT /v1/candles}.
     *
     * @param invalidatedFleetWide whether every container will see the new candles within the
     *                             staleness budget (false: Redis was unavailable, only this one does)
     */
    @Serdeable
    public record Written(String symbol, String interval, int upserted, long from, long to,
                          boolean invalidatedFleetWide) {
    }

    public Written upsert(String symbol, Interval interval, CandleColumns candles) {
        long id = symbols.findOrCreate(symbol);
        int count = store.upsert(id, interval, candles);
        boolean fleetWide = invalidator.invalidate(symbol, interval).fleetWide();
        return new Written(symbol, interval.code(), count, candles.t()[0], candles.t()[candles.size() - 1],
                fleetWide);
    }
}
