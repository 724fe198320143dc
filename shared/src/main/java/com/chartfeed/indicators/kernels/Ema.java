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
        int n = in.length;
        double[] out = Kernels.output(n, lookback);
        if (n <= lookback) {
            return out;
        }
        double k = k(period);
        double sum = 0.0;
        int today = 0;
        while (today < period) {
            sum += in[today++];
        }
        double ema = sum / period;
        out[lookback] = ema;
        while (today < n) {
            ema = ((in[today] - ema) * k) + ema;
            out[today++] = ema;
        }
        return out;
    }

    /** TA-Lib's PER_TO_K. */
    static double k(int period) {
        return 2.0 / (period + 1);
    }
}
