package com.chartfeed.indicators;

/**
 * An indicator computed over the whole stored history of a symbol and interval: one column per
 * output, aligned with the candle times {@code t}, undefined (NaN) before {@code firstDefined}.
 * This is what the cache keeps; requests take windows of it.
 */
public record IndicatorSeries(long[] t, double[][] values, int firstDefined) {

    public static IndicatorSeries compute(com.chartfeed.candles.CandleColumns candles, IndicatorParams params) {
        double[][] values = params.type().compute(candles, params);
        int firstDefined = Math.min(params.type().lookback(params), candles.size());
        return new IndicatorSeries(candles.t(), values, firstDefined);
    }

    public int size() {
        return t.length;
    }

    /** Approximate heap footprint, for weighing cache entries. */
    public long sizeInBytes() {
        return 32L + (16L + 8L * t.length) * (1 + values.length);
    }
}
