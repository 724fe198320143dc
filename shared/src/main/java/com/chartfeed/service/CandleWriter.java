package com.chartfeed.service;

import com.chartfeed.cache.CacheInvalidator;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.CandleStore;
import com.chartfeed.candles.CandleVersions;
import com.chartfeed.candles.Interval;
import com.chartfeed.candles.SymbolDirectory;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

/**
 * Stores uploaded candles (registering a new symbol on its first upload) and bumps the version of
 * their (symbol, interval) in the same transaction; once committed, announces the new version:
 * this container at once, the fleet through Redis. The bump comes first: it takes the scope's row
 * lock, so a concurrent upload of the same (symbol, interval) commits before or after this one
 * whole, in the order of their versions, and the rows are stamped with the version that wrote them.
 */
@Singleton
public class CandleWriter {
    private final SymbolDirectory symbols;
    private final CandleStore store;
    private final CandleVersions versions;
    private final CacheInvalidator invalidator;
    private final TransactionOperations<Connection> transactions;

    public CandleWriter(SymbolDirectory symbols, CandleStore store, CandleVersions versions,
                        CacheInvalidator invalidator, TransactionOperations<Connection> transactions) {
        this.symbols = symbols;
        this.store = store;
        this.versions = versions;
        this.invalidator = invalidator;
        this.transactions = transactions;
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
        int count = candles.size();
        Map<Interval, Long> committed = transactions.executeWrite(status -> {
            Map<Interval, Long> bumped = versions.bump(symbol, List.of(interval), CandleVersions.Change.STAMPED_ROWS);
            store.upsert(id, interval, candles, bumped.get(interval));
            return bumped;
        });
        boolean fleetWide = invalidator.announce(symbol, committed, CacheInvalidator.Waiting.REQUEST);
        return new Written(symbol, interval.code(), count, candles.t()[0], candles.t()[candles.size() - 1],
                fleetWide);
    }
}
