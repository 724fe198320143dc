package com.chartfeed.indicators.kernels;

/**
 * Donchian channels (Richard Donchian): the highest high and the lowest low of the last
 * {@code period} candles, and their midpoint. No TA-Lib counterpart.
 */
public final class Donchian {

    private Donchian() {
    }

    public static int lookback(int period) {
        Kernels.checkPeriod("period", period, 1);
        return period - 1;
    }

    /** {@code upper, middle, lower}. */
    public static double[][] compute(double[] high, double[] low, int period) {
        int lookback = lookback(period);
        int n = high.length;
        double[] upper = Kernels.output(n, lookback);
        double[] middle = Kernels.output(n, lookback);
        double[] lower = Kernels.output(n, lookback);
        for (int i = lookback; i < n; i++) {
            double highest = high[i];
            double lowest = low[i];
            for (int j = i - lookback; j < i; j++) {
                highest = Math.max(highest, high[j]);
                lowest = Math.min(lowest, low[j]);
            }
            upper[i] = highest;
            lower[i] = lowest;
            middle[i] = (highest + lowest) / 2;
        }
        return new double[][] {upper, middle, lower};
    }
}
