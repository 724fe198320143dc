package com.chartfeed.indicators.kernels;

/**
 * Williams %R, as TA_WILLR: (highest high - close) / ((highest high - lowest low) / -100) over
 * the last {@code period} bars, and 0 when the range is exactly 0 (flat prices).
 *
 * <p>The extremes are those TA-Lib holds ({@link WindowExtremes}), found in O(n) whatever the
 * period.
 */
public final class Willr {

    private Willr() {
    }

    public static int lookback(int period) {
        Kernels.checkPeriod("period", period, 2);
        return period - 1;
    }

    public static double[] compute(double[] high, double[] low, double[] close, int period) {
        int lookback = lookback(period);
        Kernels.checkSameLength(high, low, close);
        int n = high.length;
        double[] out = Kernels.output(n, lookback);
        if (n <= lookback) {
            return out;
        }
        WindowExtremes range = new WindowExtremes(high, low, period);
        for (int today = lookback; today < n; today++) {
            range.advance(today - lookback, today);
            double diff = (range.highest - range.lowest) / (-100.0);
            out[today] = diff != 0.0 ? (range.highest - close[today]) / diff : 0.0;
        }
        return out;
    }
}
