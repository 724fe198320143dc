package com.chartfeed.indicators.kernels;

/**
 * Aroon, as TA_AROON: over the last {@code period + 1} bars, aroon up = 100 / period · (period -
 * bars since the highest high) and aroon down the same of the lowest low; of equal extremes the
 * newest counts, as in TA-Lib (its scans compare with {@code >=} and {@code <=}). TA-Lib rescans
 * the window whenever its extreme leaves it, O(n·period) on a trend; this is O(n)
 * ({@link SlidingExtreme}).
 */
public final class Aroon {

    private Aroon() {
    }

    public static int lookback(int period) {
        Kernels.checkPeriod("period", period, 2);
        return period;
    }

    /** {@code aroondown, aroonup}, TA-Lib's order. */
    public static double[][] compute(double[] high, double[] low, int period) {
        int lookback = lookback(period);
        Kernels.checkSameLength(high, low);
        int n = high.length;
        double[] down = Kernels.output(n, lookback);
        double[] up = Kernels.output(n, lookback);
        SlidingExtreme highs = SlidingExtreme.highest(high, period + 1, SlidingExtreme.Ties.NEWEST);
        SlidingExtreme lows = SlidingExtreme.lowest(low, period + 1, SlidingExtreme.Ties.NEWEST);
        double factor = 100.0 / period;
        for (int today = lookback; today < n; today++) {
            int trailing = today - period;
            int highestIdx = highs.advance(trailing, today);
            int lowestIdx = lows.advance(trailing, today);
            // TA-Lib's expressions, int arithmetic then one product, for the same bits
            up[today] = factor * (period - (today - highestIdx));
            down[today] = factor * (period - (today - lowestIdx));
        }
        return new double[][] {down, up};
    }

    /**
     * TA_AROONOSC: aroon up minus aroon down, computed as TA-Lib does, 100 / period · (index of the
     * highest - index of the lowest).
     */
    public static double[] oscillator(double[] high, double[] low, int period) {
        int lookback = lookback(period);
        Kernels.checkSameLength(high, low);
        int n = high.length;
        double[] out = Kernels.output(n, lookback);
        SlidingExtreme highs = SlidingExtreme.highest(high, period + 1, SlidingExtreme.Ties.NEWEST);
        SlidingExtreme lows = SlidingExtreme.lowest(low, period + 1, SlidingExtreme.Ties.NEWEST);
        double factor = 100.0 / period;
        for (int today = lookback; today < n; today++) {
            int trailing = today - period;
            out[today] = factor * (highs.advance(trailing, today) - lows.advance(trailing, today));
        }
        return out;
    }
}
