package com.chartfeed.indicators.kernels;

/**
 * Average directional index, as TA_ADX: Wilder-smoothed +DM, -DM and true range (seeded with
 * sums over the first period - 1 bars), DX from the two DIs, and the first ADX the mean of the
 * first {@code period} DX values, then Wilder-smoothed. As in TA-Lib, no rounding is applied,
 * and a bar whose smoothed true range or DI sum is TA_IS_ZERO leaves the ADX unchanged (and
 * contributes nothing to the initial sum).
 */
public final class Adx {

    private Adx() {
    }

    public static int lookback(int period) {
        Kernels.checkPeriod("period", period, 2);
        return 2 * period - 1;
    }

    public static double[] compute(double[] high, double[] low, double[] close, int period) {
        int lookback = lookback(period);
        Kernels.checkSameLength(high, low, close);
        int n = high.length;
        double[] out = Kernels.output(n, lookback);
        if (n <= lookback) {
            return out;
        }
        double plusDm = 0.0;
        double minusDm = 0.0;
        double tr = 0.0;
        int today = 0;
        for (int i = 0; i < period - 1; i++) {
            today++;
            double diffPlus = high[today] - high[today - 1];
            double diffMinus = low[today - 1] - low[today];
            minusDm += directional(diffMinus, diffPlus);
            plusDm += directional(diffPlus, diffMinus);
            tr += Atr.trueRange(high[today], low[today], close[today - 1]);
        }

        double sumDx = 0.0;
        for (int i = 0; i < period; i++) {
            today++;
            double diffPlus = high[today] - high[today - 1];
            double diffMinus = low[today - 1] - low[today];
            minusDm -= minusDm / period;
            plusDm -= plusDm / period;
            minusDm += directional(diffMinus, diffPlus);
            plusDm += directional(diffPlus, diffMinus);
            tr = tr - (tr / period) + Atr.trueRange(high[today], low[today], close[today - 1]);
            if (!Kernels.isZero(tr)) {
                double minusDi = 100.0 * (minusDm / tr);
                double plusDi = 100.0 * (plusDm / tr);
                double diSum = minusDi + plusDi;
                if (!Kernels.isZero(diSum)) {
                    sumDx += 100.0 * (Math.abs(minusDi - plusDi) / diSum);
                }
            }
        }
        double adx = sumDx / period;
        out[today] = adx;

        while (++today < n) {
            double diffPlus = high[today] - high[today - 1];
            double diffMinus = low[today - 1] - low[today];
            minusDm -= minusDm / period;
            plusDm -= plusDm / period;
            minusDm += directional(diffMinus, diffPlus);
            plusDm += directional(diffPlus, diffMinus);
            tr = tr - (tr / period) + Atr.trueRange(high[today], low[today], close[today - 1]);
            if (!Kernels.isZero(tr)) {
                double minusDi = 100.0 * (minusDm / tr);
                double plusDi = 100.0 * (plusDm / tr);
                double diSum = minusDi + plusDi;
                if (!Kernels.isZero(diSum)) {
                    double dx = 100.0 * (Math.abs(minusDi - plusDi) / diSum);
                    adx = ((adx * (period - 1)) + dx) / period;
                }
            }
            out[today] = adx;
        }
        return out;
    }

    /**
     * TA-Lib's "if (diffMinus > 0 && diffPlus < diffMinus) minusDm += diffMinus; else if
     * (diffPlus > 0 && diffPlus > diffMinus) plusDm += diffPlus;" without the branches, which a
     * random walk mispredicts: the move counts when it is positive and beats the other one
     * (b - a > 0 exactly when a < b), otherwise +0.0 is added, which leaves the sum unchanged.
     * The two conditions exclude each other, so at most one sum grows, as in TA-Lib.
     */
    static double directional(double move, double otherMove) {
        return Kernels.select(Kernels.ifPositive(move) & Kernels.ifPositive(move - otherMove), move);
    }
}
