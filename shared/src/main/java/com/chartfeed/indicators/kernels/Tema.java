package com.chartfeed.indicators.kernels;

/**
 * Triple exponential moving average, 3 * EMA - 3 * EMA2 + EMA3, as TA_TEMA. Each nested EMA is
 * seeded with the SMA of the first {@code period} values of the one before, so the warm-up is
 * 3 * (period - 1).
 */
public final class Tema {

    private Tema() {
    }

    public static int lookback(int period) {
        Kernels.checkPeriod("period", period, 2);
        return 3 * (period - 1);
    }

    public static double[] compute(double[] in, int period) {
        int lookback = lookback(period);
        int n = in.length;
        double[] out = Kernels.output(n, lookback);
        if (n <= lookback) {
            return out;
        }
        double k = Ema.k(period);
        double[] ema1 = new double[n];
        double[] ema2 = new double[n];
        Ema.emaInto(in, 0, n, period, k, ema1);
        Ema.emaInto(ema1, period - 1, n, period, k, ema2);
        Ema.emaInto(ema2, 2 * (period - 1), n, period, k, out);
        for (int i = lookback; i < n; i++) {
            // Same grouping as TA-Lib: EMA3 += (3*EMA1) - (3*EMA2).
            out[i] += (3.0 * ema1[i]) - (3.0 * ema2[i]);
        }
        return out;
    }
}
