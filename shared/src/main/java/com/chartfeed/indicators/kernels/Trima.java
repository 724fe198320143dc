package com.chartfeed.indicators.kernels;

/**
 * Triangular moving average, as TA_TRIMA: weights rise 1, 2, .. to the middle of the window and
 * fall back (SMA of an SMA). TA-Lib updates one numerator with four adjustments per step, and
 * odd and even periods differ in where the middle value sits and in the order of one update;
 * both paths are reproduced so rounding matches.
 */
public final class Trima {

    private Trima() {
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
        boolean odd = (period % 2) == 1;
        int half = period >> 1;
        // Sum of the weights: (half+1)^2 for odd periods, half*(half+1) for even ones.
        double factor = 1.0 / (odd ? (half + 1) * (half + 1) : half * (half + 1));

        int trailingIdx = 0;
        int middleIdx = odd ? half : half - 1;
        int todayIdx = middleIdx + half;
        double numerator = 0.0;
        double numeratorSub = 0.0;
        for (int i = middleIdx; i >= trailingIdx; i--) {
            numeratorSub += in[i];
            numerator += numeratorSub;
        }
        double numeratorAdd = 0.0;
        middleIdx++;
        for (int i = middleIdx; i <= todayIdx; i++) {
            numeratorAdd += in[i];
            numerator += numeratorAdd;
        }
        double trailing = in[trailingIdx++];
        out[todayIdx] = numerator * factor;
        todayIdx++;

        // TA-Lib orders two of the updates differently by parity; one loop per parity keeps
        // that test out of the loop.
        if (odd) {
            while (todayIdx < n) {
                // (1) drop the oldest half of the triangle
                numerator -= numeratorSub;
                numeratorSub -= trailing;
                double middle = in[middleIdx++];
                numeratorSub += middle;
                // (2) grow the newest half
                numerator += numeratorAdd;
                numeratorAdd -= middle;
                double today = in[todayIdx];
                numeratorAdd += today;
                // (3) the newest value itself
                numerator += today;
                trailing = in[trailingIdx++];
                out[todayIdx++] = numerator * factor;
            }
        } else {
            while (todayIdx < n) {
                numerator -= numeratorSub;
                numeratorSub -= trailing;
                double middle = in[middleIdx++];
                numeratorSub += middle;
                numeratorAdd -= middle;
                numerator += numeratorAdd;
                double today = in[todayIdx];
                numeratorAdd += today;
                numerator += today;
                trailing = in[trailingIdx++];
                out[todayIdx++] = numerator * factor;
            }
        }
        return out;
    }
}
