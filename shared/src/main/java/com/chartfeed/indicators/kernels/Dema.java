package com.chartfeed.indicators.kernels;

/**
 * Double exponential moving average, 2 * EMA - EMA(EMA), as TA_DEMA. The inner EMA is seeded
 * like TA-Lib's: with the SMA of the first {@code period} values of the outer EMA, so the
 * warm-up is 2 * (period - 1).
 */
public final class Dema {

    private Dema() {
    }

    public static int lookback(int period) {
        Kernels.checkPeriod("period", period, 2);
        return 2 * (period - 1);
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
        Ema.emaInto(in, 0, n, period, k, ema1);
        // EMA of EMA goes straight into out: it only writes from index `lookback` on.
        Ema.emaInto(ema1, period - 1, n, period, k, out);
        for (int i = lookback; i < n; i++) {
            out[i] = (2.0 * ema1[i]) - out[i];
        }
        return out;
    }
}
