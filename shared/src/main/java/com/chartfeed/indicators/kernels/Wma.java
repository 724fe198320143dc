package com.chartfeed.indicators.kernels;

/**
 * Linearly weighted moving average (weights 1..period, newest heaviest), as TA_WMA. Uses
 * TA-Lib's incremental periodSum/periodSub update rather than re-weighting each window, so the
 * rounding matches TA-Lib's.
 */
public final class Wma {

    private Wma() {
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
        int divider = (period * (period + 1)) >> 1;
        double periodSum = 0.0;
        double periodSub = 0.0;
        int inIdx = 0;
        for (int weight = 1; inIdx < lookback; weight++) {
            double v = in[inIdx++];
            periodSub += v;
            periodSum += v * weight;
        }
        double trailingValue = 0.0;
        int trailingIdx = 0;
        while (inIdx < n) {
            double v = in[inIdx];
            periodSub += v;
            periodSub -= trailingValue;
            periodSum += v * period;
            trailingValue = in[trailingIdx++];
            out[inIdx++] = periodSum / divider;
            // Dropping one copy of every value in the window shifts each weight down by one.
            periodSum -= periodSub;
        }
        return out;
    }
}
