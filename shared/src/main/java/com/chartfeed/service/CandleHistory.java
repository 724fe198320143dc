package com.chartfeed.service;

import com.chartfeed.problems.ProblemException;
import com.chartfeed.cache.CacheKey;
import com.chartfeed.cache.CacheStats;
import com.chartfeed.cache.Lookup;
import com.chartfeed.cache.RequestTimings;
import com.chartfeed.cache.TieredCache;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.CandleStore;
import com.chartfeed.candles.DatabaseBreaker;
import com.chartfeed.candles.Interval;
import com.chartfeed.candles.SymbolDirectory;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The whole stored history of a symbol and interval, the input of every indicator; cached whole
 * (requests slice it), read from PostgreSQL only on a miss.
 */
@Singleton
public class CandleHistory {
    private final SymbolDirectory symbols;
    private final CandleStore store;
    private final TieredCache cache;
    private final CacheStats stats;
    private final DatabaseBreaker breaker;

    public CandleHistory(SymbolDirectory symbols, CandleStore store, TieredCache cache, CacheStats stats,
                         DatabaseBreaker breaker) {
        this.symbols = symbols;
        this.store = store;
        this.cache = cache;
        this.stats = stats;
        this.breaker = breaker;
    }

    /** All candles, or {@code 404} when the symbol has never been stored. */
    public Lookup<CandleColumns> load(String symbol, Interval interval, RequestTimings timings) {
        return cache.get(CacheKey.candles(symbol, interval), () -> {
            long start = System.nanoTime();
            try {
                return readStored(symbol, interval).orElseThrow(() ->
                        ProblemException.notFound("symbol", "no candles are stored for " + symbol));
            } finally {
                long dbNanos = System.nanoTime() - start;
                timings.addDb(dbNanos);
                stats.databaseTime(dbNanos);
            }
        }, timings);
    }

    /**
     * All candles straight from the database, behind its breaker, bypassing the cache (for
     * refresh-ahead, which writes what it computes to L2 itself); empty for a symbol never stored.
     */
    public Optional<CandleColumns> readStored(String symbol, Interval interval) {
        return breaker.read(() -> {
            OptionalLong id = symbols.find(symbol);
            if (id.isEmpty()) {
                return Optional.empty();
            }
            stats.databaseRead();
            return Optional.of(store.readAll(id.getAsLong(), interval));
        });
    }
}
