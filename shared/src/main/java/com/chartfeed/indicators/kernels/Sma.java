package com.chartfeed.indicators.kernels;

/**
 * Simple moving average, as TA_SMA: a running sum that adds the newest value before dropping
 * the oldest one, in that order, so the floating-point result is bit-identical to TA-Lib's.
 */
public final class Sma {

    private Sma() {
    }

    public static int lookback(int period) {
        Kernels.checkPeriod("period", period, 2);
        return period - 1;
    }

    public static double[] compute(double[] in, int period) {
        int lookback = lookback(period);
        double[] out = Kernels.output(in.length, lookback);
        if (in.length > lookback) {
            smaInto(in, 0, in.length, period, out);
        }
        return out;
    }

    /**
     * TA_INT_SMA over in[from, to): writes out[from + period - 1, to) at the same indices as
     * the input. Not safe in place (in == out), because the trailing value is read after its
     * slot would have been overwritten.
     */
    static void smaInto(double[] in, int from, int to, int period, double[] out) {
        double total = 0.0;
        int i = from;
        int trailing = from;
        int first = from + period - 1;
        while (i < first) {
            total += in[i++];
        }
        while (i < to) {
            total += in[i];
            double windowSum = total;
            total -= in[trailing++];
            out[i++] = windowSum / period;
        }
    }
}
