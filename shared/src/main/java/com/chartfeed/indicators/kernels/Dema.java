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
        // Both EMAs advance in one pass with no intermediate column: the same operations as
        // TA-Lib's two passes, in the same order for each EMA, but the two recurrences overlap
        // in the CPU instead of running one after the other.
        double sum = 0.0;
        int today = 0;
        while (today < period) {
            sum += in[today++];
        }
        double ema1 = sum / period;
        // The inner EMA's seed: the SMA of the outer EMA's first `period` values.
        double sum2 = 0.0 + ema1; // TA-Lib's sums start at 0.0 (which turns a -0.0 into +0.0)
        while (today <= lookback) {
            ema1 = ((in[today++] - ema1) * k) + ema1;
            sum2 += ema1;
        }
        double ema2 = sum2 / period;
        out[lookback] = (2.0 * ema1) - ema2;
        while (today < n) {
            ema1 = ((in[today] - ema1) * k) + ema1;
            ema2 = ((ema1 - ema2) * k) + ema2;
            out[today++] = (2.0 * ema1) - ema2;
        }
        return out;
    }
}
