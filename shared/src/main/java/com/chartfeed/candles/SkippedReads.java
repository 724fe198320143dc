package com.chartfeed.candles;

/**
 * Told of every candle read {@link DatabaseBreaker} skipped because the database failed moments
 * ago. An interface here, so that the breaker needs nothing from the packages above it; the
 * cache's {@code CacheStats} counts them for the stats and the fleet totals.
 */
public interface SkippedReads {
    void databaseSkipped();
}
