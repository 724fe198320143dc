package com.chartfeed.candles;

import com.chartfeed.api.ProblemException;
import com.chartfeed.cache.CacheKey;
import com.chartfeed.cache.CacheStats;
import com.chartfeed.cache.Lookup;
import com.chartfeed.cache.RequestTimings;
import com.chartfeed.cache.TieredCache;
import jakarta.inject.Singleton;

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
        return cache.get(CacheKey.candles(symbol, interval), () -> breaker.read(() -> {
            long start = System.nanoTime();
            try {
                long id = symbols.find(symbol).orElseThrow(() ->
                        ProblemException.notFound("symbol", "no candles are stored for " + symbol));
                stats.databaseRead();
                return store.readAll(id, interval);
            } finally {
                timings.addDb(System.nanoTime() - start);
            }
        }), timings);
    }
}
