package com.chartfeed.indicators.kernels;

/**
 * Donchian channels (Richard Donchian): the highest high and the lowest low of the last
 * {@code period} candles, and their midpoint. No TA-Lib counterpart. O(n) whatever the period
 * ({@link SlidingExtreme}); prices are finite, so which of equal extremes is taken does not
 * change a value.
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
        Kernels.checkSameLength(high, low);
        int n = high.length;
        double[] upper = Kernels.output(n, lookback);
        double[] middle = Kernels.output(n, lookback);
        double[] lower = Kernels.output(n, lookback);
        SlidingExtreme highs = SlidingExtreme.highest(high, period, SlidingExtreme.Ties.NEWEST);
        SlidingExtreme lows = SlidingExtreme.lowest(low, period, SlidingExtreme.Ties.NEWEST);
        for (int i = lookback; i < n; i++) {
            double highest = high[highs.advance(i - lookback, i)];
            double lowest = low[lows.advance(i - lookback, i)];
            upper[i] = highest;
            lower[i] = lowest;
            middle[i] = (highest + lowest) / 2;
        }
        return new double[][] {upper, middle, lower};
    }
}
