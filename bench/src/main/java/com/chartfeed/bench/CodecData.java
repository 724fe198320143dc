package com.chartfeed.bench;

import com.chartfeed.cache.CacheEntry;
import com.chartfeed.cache.ColumnCodec;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorSeries;
import com.chartfeed.indicators.IndicatorType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.util.Arrays;

/**
 * What {@link CodecBenchmark} encodes: 5,000 points of RSI(14) and 5,000 hourly candles, as cache
 * entries for {@link ColumnCodec} and as the column-form JSON a JSON-based L2 would store. Shared
 * with {@link Ratios}, which reports the encoded sizes of the very same data.
 */
final class CodecData {
    static final int POINTS = 5_000;
    /** Any fixed values: the header is three longs whatever they are. */
    private static final long GENERATION = 7;
    private static final long COMPUTED_AT_MILLIS = 1_767_225_600_000L;

    /** The JSON of a single-output series: {@code {"t":[...],"value":[...]}}. */
    record SeriesJson(long[] t, double[] value) {
    }

    /** The JSON of candles: {@code {"t":[...],"o":[...],"h":[...],"l":[...],"c":[...],"v":[...]}}. */
    record CandlesJson(long[] t, double[] o, double[] h, double[] l, double[] c, double[] v) {
    }

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final ObjectWriter SERIES_WRITER = MAPPER.writerFor(SeriesJson.class);
    static final ObjectReader SERIES_READER = MAPPER.readerFor(SeriesJson.class);
    static final ObjectWriter CANDLES_WRITER = MAPPER.writerFor(CandlesJson.class);
    static final ObjectReader CANDLES_READER = MAPPER.readerFor(CandlesJson.class);

    private CodecData() {
    }

    /**
     * Only the defined points, so both formats carry exactly {@link #POINTS} values and JSON, which
     * has no NaN, needs no special case; the codec would drop the warm-up prefix anyway.
     */
    static CacheEntry<IndicatorSeries> series() {
        IndicatorParams params = Inputs.defaults(IndicatorType.RSI);
        int lookback = IndicatorType.RSI.lookback(params);
        int n = POINTS + lookback;
        IndicatorSeries whole = IndicatorSeries.compute(Inputs.hourly(n), params);
        IndicatorSeries defined = new IndicatorSeries(Arrays.copyOfRange(whole.t(), lookback, n),
                new double[][] {Arrays.copyOfRange(whole.values()[0], lookback, n)}, 0);
        return CacheEntry.of(defined, GENERATION, COMPUTED_AT_MILLIS);
    }

    static CacheEntry<CandleColumns> candles() {
        return CacheEntry.of(Inputs.hourly(POINTS), GENERATION, COMPUTED_AT_MILLIS);
    }

    static SeriesJson json(IndicatorSeries series) {
        return new SeriesJson(series.t(), series.values()[0]);
    }

    static CandlesJson json(CandleColumns c) {
        return new CandlesJson(c.t(), c.o(), c.h(), c.l(), c.c(), c.v());
    }

    /** Encoded sizes in bytes: codec and JSON of the series, then of the candles. */
    static long[] sizes() {
        try {
            CacheEntry<IndicatorSeries> series = series();
            CacheEntry<CandleColumns> candles = candles();
            return new long[] {
                    ColumnCodec.encodeSeries(series).length,
                    SERIES_WRITER.writeValueAsBytes(json(series.value())).length,
                    ColumnCodec.encodeCandles(candles).length,
                    CANDLES_WRITER.writeValueAsBytes(json(candles.value())).length};
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
