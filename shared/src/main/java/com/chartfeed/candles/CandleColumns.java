package com.chartfeed.candles;

import java.util.Arrays;

/**
 * OHLCV candles of one symbol and interval in column form, ascending by open time.
 * Columns, not candle objects, because kernels, the cache codec and the JSON all want arrays.
 * The arrays are shared, not copied: treat them as read-only.
 */
public record CandleColumns(long[] t, double[] o, double[] h, double[] l, double[] c, double[] v) {

    public static final CandleColumns EMPTY = new CandleColumns(new long[0], new double[0], new double[0],
            new double[0], new double[0], new double[0]);

    public CandleColumns {
        int n = t.length;
        if (o.length != n || h.length != n || l.length != n || c.length != n || v.length != n) {
            throw new IllegalArgumentException("columns differ in length");
        }
    }

    public int size() {
        return t.length;
    }

    /** Rows {@code [from, to)}. */
    public CandleColumns slice(int from, int to) {
        if (from == 0 && to == size()) {
            return this;
        }
        return new CandleColumns(Arrays.copyOfRange(t, from, to), Arrays.copyOfRange(o, from, to),
                Arrays.copyOfRange(h, from, to), Arrays.copyOfRange(l, from, to),
                Arrays.copyOfRange(c, from, to), Arrays.copyOfRange(v, from, to));
    }

    /** Approximate heap footprint, for weighing cache entries. */
    public long sizeInBytes() {
        return 16L + 6L * (16L + 8L * size());
    }
}
