package com.chartfeed.indicators.kernels;

/**
 * Money flow index, as TA_MFI: 100 * positive flow / (positive + negative flow) over the last
 * {@code period} bars, where a bar's flow is typical price * volume, signed by the change of
 * the typical price (no flow when unchanged).
 *
 * <p>TA-Lib outputs 0 whenever the total flow is below 1.0 (not merely zero); that threshold
 * is reproduced, so thinly traded or very low-priced series read 0 as they do in TA-Lib.
 */
public final class Mfi {

    private Mfi() {
    }

    public static int lookback(int period) {
        Kernels.checkPeriod("period", period, 2);
        return period;
    }

    public static double[] compute(double[] high, double[] low, double[] close, double[] volume,
                                   int period) {
        int lookback = lookback(period);
        Kernels.checkSameLength(high, low, close, volume);
        int n = high.length;
        double[] out = Kernels.output(n, lookback);
        if (n <= lookback) {
            return out;
        }
        // Per-bar flows of the window, in a ring so the oldest can be subtracted from the sums.
        double[] positive = new double[period];
        double[] negative = new double[period];
        int slot = 0;
        double positiveSum = 0.0;
        double negativeSum = 0.0;
        double prevTypical = (high[0] + low[0] + close[0]) / 3.0;
        for (int today = 1; today < n; today++) {
            if (today > period) {
                positiveSum -= positive[slot];
                negativeSum -= negative[slot];
            }
            double typical = (high[today] + low[today] + close[today]) / 3.0;
            double change = typical - prevTypical;
            prevTypical = typical;
            double flow = typical * volume[today];
            if (change < 0) {
                negative[slot] = flow;
                negativeSum += flow;
                positive[slot] = 0.0;
            } else if (change > 0) {
                positive[slot] = flow;
                positiveSum += flow;
                negative[slot] = 0.0;
            } else {
                positive[slot] = 0.0;
                negative[slot] = 0.0;
            }
            slot = slot == period - 1 ? 0 : slot + 1;
            if (today >= lookback) {
                double total = positiveSum + negativeSum;
                out[today] = total < 1.0 ? 0.0 : 100.0 * (positiveSum / total);
            }
        }
        return out;
    }
}
