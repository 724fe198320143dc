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
        // The three nested EMAs advance in one pass with no intermediate columns: per EMA the
        // same operations in the same order as TA-Lib's three passes, but overlapping in the CPU.
        // Each inner EMA is seeded with the SMA of the first `period` values of the one before.
        double sum = 0.0;
        int today = 0;
        while (today < period) {
            sum += in[today++];
        }
        double ema1 = sum / period;
        double sum2 = 0.0 + ema1; // TA-Lib's sums start at 0.0 (which turns a -0.0 into +0.0)
        int secondSeeded = 2 * (period - 1);
        while (today <= secondSeeded) {
            ema1 = ((in[today++] - ema1) * k) + ema1;
            sum2 += ema1;
        }
        double ema2 = sum2 / period;
        double sum3 = 0.0 + ema2; // TA-Lib's sums start at 0.0 (which turns a -0.0 into +0.0)
        while (today <= lookback) {
            ema1 = ((in[today++] - ema1) * k) + ema1;
            ema2 = ((ema1 - ema2) * k) + ema2;
            sum3 += ema2;
        }
        double ema3 = sum3 / period;
        // Same grouping as TA-Lib: EMA3 + ((3*EMA1) - (3*EMA2)).
        out[lookback] = ema3 + ((3.0 * ema1) - (3.0 * ema2));
        while (today < n) {
            ema1 = ((in[today] - ema1) * k) + ema1;
            ema2 = ((ema1 - ema2) * k) + ema2;
            ema3 = ((ema2 - ema3) * k) + ema3;
            out[today++] = ema3 + ((3.0 * ema1) - (3.0 * ema2));
        }
        return out;
    }
}
