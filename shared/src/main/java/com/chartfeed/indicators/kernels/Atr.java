package com.chartfeed.indicators.kernels;

/**
 * Average true range, as TA_ATR: Wilder smoothing of the true range, seeded with the plain mean
 * of the first {@code period} true ranges (bars 1..period, bar 0 has no previous close). With
 * period 1 TA-Lib returns the raw true range, and so does this.
 */
public final class Atr {

    private Atr() {
    }

    public static int lookback(int period) {
        Kernels.checkPeriod("period", period, 1);
        return period;
    }

    public static double[] compute(double[] high, double[] low, double[] close, int period) {
        int lookback = lookback(period);
        Kernels.checkSameLength(high, low, close);
        int n = high.length;
        double[] out = Kernels.output(n, lookback);
        if (n <= lookback) {
            return out;
        }
        if (period == 1) {
            for (int i = 1; i < n; i++) {
                out[i] = trueRange(high[i], low[i], close[i - 1]);
            }
            return out;
        }
        double atr = seed(high, low, close, period);
        out[period] = atr;
        for (int i = period + 1; i < n; i++) {
            atr = wilder(atr, trueRange(high[i], low[i], close[i - 1]), period);
            out[i] = atr;
        }
        return out;
    }

    /** Mean of the true ranges of bars 1..period, summed in order like TA_INT_SMA. */
    static double seed(double[] high, double[] low, double[] close, int period) {
        double sum = 0.0;
        for (int i = 1; i <= period; i++) {
            sum += trueRange(high[i], low[i], close[i - 1]);
        }
        return sum / period;
    }

    /** One Wilder step in TA-Lib's operation order: scale by (period-1), add, divide. */
    static double wilder(double prev, double value, int period) {
        prev *= period - 1;
        prev += value;
        prev /= period;
        return prev;
    }

    /** TA_TRANGE for one bar: the largest of high-low, |prevClose-high| and |prevClose-low|. */
    static double trueRange(double high, double low, double prevClose) {
        double greatest = high - low;
        double toHigh = Math.abs(prevClose - high);
        if (toHigh > greatest) {
            greatest = toHigh;
        }
        double toLow = Math.abs(prevClose - low);
        if (toLow > greatest) {
            greatest = toLow;
        }
        return greatest;
    }
}
