package com.chartfeed.indicators.kernels;

import java.util.Arrays;

/** One OHLCV data set in column form, as the kernels take it. */
record Series(String name, long[] time, double[] open, double[] high, double[] low,
              double[] close, double[] volume) {

    int size() {
        return close.length;
    }

    /** The first n bars. */
    Series prefix(String prefixName, int n) {
        return new Series(prefixName, Arrays.copyOf(time, n), Arrays.copyOf(open, n),
                Arrays.copyOf(high, n), Arrays.copyOf(low, n), Arrays.copyOf(close, n),
                Arrays.copyOf(volume, n));
    }

    @Override
    public String toString() {
        return name + " (" + size() + " bars)";
    }
}
