package com.chartfeed.indicators.kernels;

/**
 * Exponential moving average, as TA_EMA in its default compatibility mode: seeded with the
 * SMA of the first {@code period} values, then {@code ema += (x - ema) * k} with
 * k = 2 / (period + 1).
 */
public final class Ema {

    private Ema() {
    }

    public static int lookback(int period) {
        Kernels.checkPeriod("period", period, 2);
        return period - 1;
    }

    public static double[] compute(double[] in, int period) {
        int lookback = lookback(period);
        double[] out = Kernels.output(in.length, lookback);
        if (in.length > lookback) {
            emaInto(in, 0, in.length, period, k(period), out);
        }
        return out;
    }

    /** TA-Lib's PER_TO_K. */
    static double k(int period) {
        return 2.0 / (period + 1);
    }

    /**
     * TA_INT_EMA with its seed window starting at {@code seedStart}: the SMA of
     * in[seedStart, seedStart + period) lands at seedStart + period - 1 and the recurrence
     * runs up to {@code to}. Callers (DEMA, TEMA, MACD) choose seedStart to reproduce where
     * TA-Lib seeds its intermediate EMAs.
     */
    static void emaInto(double[] in, int seedStart, int to, int period, double k, double[] out) {
        double sum = 0.0;
        int today = seedStart;
        for (int i = 0; i < period; i++) {
            sum += in[today++];
        }
        double ema = sum / period;
        out[today - 1] = ema;
        while (today < to) {
            ema = ((in[today] - ema) * k) + ema;
            out[today++] = ema;
        }
    }
}
