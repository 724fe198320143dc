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
        double positiveSum = 0.0;
        double negativeSum = 0.0;
        double prevTypical = (high[0] + low[0] + close[0]) / 3.0;
        for (int today = 1; today <= period; today++) {
            double typical = (high[today] + low[today] + close[today]) / 3.0;
            double change = typical - prevTypical;
            prevTypical = typical;
            double flow = typical * volume[today];
            int slot = today - 1;
            positive[slot] = Kernels.select(Kernels.ifPositive(change), flow);
            negative[slot] = Kernels.select(Kernels.ifNegative(change), flow);
            positiveSum += positive[slot];
            negativeSum += negative[slot];
        }
        out[lookback] = value(positiveSum, negativeSum);
        int slot = 0;
        for (int today = lookback + 1; today < n; today++) {
            positiveSum -= positive[slot];
            negativeSum -= negative[slot];
            double typical = (high[today] + low[today] + close[today]) / 3.0;
            double change = typical - prevTypical;
            prevTypical = typical;
            double flow = typical * volume[today];
            // TA-Lib adds the flow to one side by the sign of the change; adding the +0.0 that
            // select gives for the other side leaves that sum unchanged, without a branch.
            double up = Kernels.select(Kernels.ifPositive(change), flow);
            double down = Kernels.select(Kernels.ifNegative(change), flow);
            positive[slot] = up;
            negative[slot] = down;
            positiveSum += up;
            negativeSum += down;
            slot = slot == period - 1 ? 0 : slot + 1;
            out[today] = value(positiveSum, negativeSum);
        }
        return out;
    }

    static double value(double positiveSum, double negativeSum) {
        double total = positiveSum + negativeSum;
        return total < 1.0 ? 0.0 : 100.0 * (positiveSum / total);
    }
}
