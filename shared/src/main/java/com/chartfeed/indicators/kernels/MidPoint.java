package com.chartfeed.indicators.kernels;

/**
 * Midpoints of a window, as TA_MIDPOINT ((highest + lowest) / 2 of one series over {@code period}
 * bars) and TA_MIDPRICE ((highest high + lowest low) / 2). TA-Lib rescans the whole window at every
 * bar, O(n·period); this is O(n) ({@link SlidingExtreme}), taking of equal extremes the oldest, as
 * TA-Lib's scan (strict comparisons from the oldest bar) does.
 */
public final class MidPoint {

    private MidPoint() {
    }

    public static int lookback(int period) {
        Kernels.checkPeriod("period", period, 2);
        return period - 1;
    }

    /** TA_MIDPOINT over {@code in}. */
    public static double[] compute(double[] in, int period) {
        return midpoints(in, in, period);
    }

    /** TA_MIDPRICE: the highest of {@code high} and the lowest of {@code low}. */
    public static double[] price(double[] high, double[] low, int period) {
        Kernels.checkSameLength(high, low);
        return midpoints(high, low, period);
    }

    private static double[] midpoints(double[] high, double[] low, int period) {
        int lookback = lookback(period);
        int n = high.length;
        double[] out = Kernels.output(n, lookback);
        SlidingExtreme highs = SlidingExtreme.highest(high, period, SlidingExtreme.Ties.OLDEST);
        SlidingExtreme lows = SlidingExtreme.lowest(low, period, SlidingExtreme.Ties.OLDEST);
        for (int today = lookback; today < n; today++) {
            int trailing = today - lookback;
            out[today] = (high[highs.advance(trailing, today)] + low[lows.advance(trailing, today)]) / 2.0;
        }
        return out;
    }
}
