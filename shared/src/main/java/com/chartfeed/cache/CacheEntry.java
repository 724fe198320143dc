package com.chartfeed.cache;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.indicators.IndicatorSeries;

import java.util.Objects;

/**
 * One cached value together with what the cache needs to judge it without reading it: the
 * generation of its (symbol, interval) it was computed at (newer candles bump the generation and
 * so outdate it), when it was computed (epoch millis), and a 64-bit hash of its content for ETags.
 *
 * <p>The content hash ({@link #hashOf(IndicatorSeries)}, {@link #hashOf(CandleColumns)}) folds
 * the lengths, the times and the {@code doubleToRawLongBits} of every value into the xxHash64
 * round function and finishes with its avalanche. A series hashes only from {@code firstDefined}
 * on, because the warm-up prefix is never served and {@link ColumnCodec} does not store it: a
 * series and its decoded copy hash equal. Series and candles start from different seeds.
 */
public record CacheEntry<T>(T value, long generation, long computedAtMillis, long contentHash) {

    private static final long SERIES_DOMAIN = 0x5345524945535631L; // "SERIESV1"
    private static final long CANDLES_DOMAIN = 0x43414E444C455331L; // "CANDLES1"

    public CacheEntry {
        Objects.requireNonNull(value, "value");
    }

    /** An entry for {@code series} with its content hash computed. */
    public static CacheEntry<IndicatorSeries> of(IndicatorSeries series, long generation, long computedAtMillis) {
        return new CacheEntry<>(series, generation, computedAtMillis, hashOf(series));
    }

    /** An entry for {@code candles} with its content hash computed. */
    public static CacheEntry<CandleColumns> of(CandleColumns candles, long generation, long computedAtMillis) {
        return new CacheEntry<>(candles, generation, computedAtMillis, hashOf(candles));
    }

    /** Hash of the defined part of {@code series}: equal for a series and its decoded copy. */
    public static long hashOf(IndicatorSeries series) {
        long[] t = series.t();
        double[][] values = series.values();
        int from = Math.max(0, Math.min(series.firstDefined(), t.length));
        long acc = ContentHash.start(SERIES_DOMAIN);
        // The counts keep column boundaries unambiguous: [a][b,c] and [a,b][c] must differ.
        acc = ContentHash.round(acc, values.length);
        acc = ContentHash.round(acc, t.length - from);
        acc = ContentHash.longs(acc, t, from, t.length);
        for (double[] column : values) {
            acc = ContentHash.doubles(acc, column, from, Math.min(t.length, column.length));
        }
        return ContentHash.finish(acc);
    }

    public static long hashOf(CandleColumns candles) {
        int n = candles.size();
        long acc = ContentHash.start(CANDLES_DOMAIN);
        acc = ContentHash.round(acc, n);
        acc = ContentHash.longs(acc, candles.t(), 0, n);
        acc = ContentHash.doubles(acc, candles.o(), 0, n);
        acc = ContentHash.doubles(acc, candles.h(), 0, n);
        acc = ContentHash.doubles(acc, candles.l(), 0, n);
        acc = ContentHash.doubles(acc, candles.c(), 0, n);
        acc = ContentHash.doubles(acc, candles.v(), 0, n);
        return ContentHash.finish(acc);
    }
}
