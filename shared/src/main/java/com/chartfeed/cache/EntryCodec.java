package com.chartfeed.cache;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.indicators.IndicatorSeries;
import io.micronaut.core.annotation.Nullable;

/**
 * Which {@link ColumnCodec} format and which content hash an entry takes: candles or an indicator
 * series, told by the key (decoding) or the value (encoding and hashing).
 */
final class EntryCodec {
    private EntryCodec() {
    }

    @SuppressWarnings("unchecked")
    static byte[] encode(CacheEntry<?> entry) {
        return entry.value() instanceof CandleColumns
                ? ColumnCodec.encodeCandles((CacheEntry<CandleColumns>) entry)
                : ColumnCodec.encodeSeries((CacheEntry<IndicatorSeries>) entry);
    }

    /** The entry in {@code bytes}, or {@code null} if there are none or they cannot be read. */
    @SuppressWarnings("unchecked")
    @Nullable
    static <T> CacheEntry<T> decode(CacheKey key, @Nullable byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return (CacheEntry<T>) (key.isCandles() ? ColumnCodec.decodeCandles(bytes) : ColumnCodec.decodeSeries(bytes));
        } catch (CodecException unreadable) {
            return null; // written by an incompatible version, or corrupted: a miss, recomputed and overwritten
        }
    }

    static long contentHash(Object value) {
        return value instanceof CandleColumns candles ? CacheEntry.hashOf(candles)
                : CacheEntry.hashOf((IndicatorSeries) value);
    }
}
