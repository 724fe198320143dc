package com.chartfeed.indicators.kernels;

import java.util.Arrays;

/**
 * Hull moving average (Alan Hull): WMA(2 * WMA(price, period / 2) - WMA(price, period),
 * floor(sqrt(period))), with TA-Lib's WMA ({@link Wma}). No TA-Lib counterpart.
 */
public final class HullMa {

    private HullMa() {
    }

    public static int lookback(int period) {
        Kernels.checkPeriod("period", period, 4);
        return period - 1 + smoothing(period) - 1;
    }

    public static double[] compute(double[] price, int period) {
        int lookback = lookback(period);
        int n = price.length;
        double[] out = Kernels.output(n, lookback);
        int start = period - 1;
        if (n <= lookback) {
            return out;
        }
        double[] half = Wma.compute(price, period / 2);
        double[] full = Wma.compute(price, period);
        double[] raw = new double[n - start];
        for (int i = start; i < n; i++) {
            raw[i - start] = 2 * half[i] - full[i];
        }
        double[] smoothed = Wma.compute(raw, smoothing(period));
        System.arraycopy(smoothed, 0, out, start, smoothed.length);
        Arrays.fill(out, 0, lookback, Double.NaN);
        return out;
    }

    private static int smoothing(int period) {
        return (int) Math.floor(Math.sqrt(period));
    }
}
