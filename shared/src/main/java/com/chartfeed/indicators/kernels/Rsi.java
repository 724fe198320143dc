package com.chartfeed.indicators.kernels;

/**
 * Relative strength index, as TA_RSI (classic, not Metastock): average gain and loss seeded
 * with plain means over the first {@code period} changes, then Wilder-smoothed. Computed as
 * 100 * gain / (gain + loss), and 0 when that sum is TA_IS_ZERO like TA-Lib. The zero test
 * is absolute (1e-8), so a series whose average move is below that (prices around 1e-6) reads
 * 0 throughout, exactly as in TA-Lib.
 */
public final class Rsi {

    private Rsi() {
    }

    public static int lookback(int period) {
        Kernels.checkPeriod("period", period, 2);
        return period;
    }

    public static double[] compute(double[] in, int period) {
        int lookback = lookback(period);
        int n = in.length;
        double[] out = Kernels.output(n, lookback);
        if (n <= lookback) {
            return out;
        }
        double prev = in[0];
        double gain = 0.0;
        double loss = 0.0;
        int today = 1;
        for (int i = 0; i < period; i++) {
            double price = in[today++];
            double change = price - prev;
            prev = price;
            long falling = Kernels.ifNegative(change);
            loss -= Kernels.select(falling, change);
            gain += Kernels.select(~falling, change);
        }
        loss /= period;
        gain /= period;
        out[lookback] = value(gain, loss);

        while (today < n) {
            double price = in[today];
            double change = price - prev;
            prev = price;
            // Wilder smoothing in TA-Lib's order: scale by (period-1), add, divide by period.
            loss *= (period - 1);
            gain *= (period - 1);
            // TA-Lib's "if (change < 0) loss -= change; else gain += change", branch-free.
            long falling = Kernels.ifNegative(change);
            loss -= Kernels.select(falling, change);
            gain += Kernels.select(~falling, change);
            loss /= period;
            gain /= period;
            out[today++] = value(gain, loss);
        }
        return out;
    }

    static double value(double gain, double loss) {
        double total = gain + loss;
        return Kernels.isZero(total) ? 0.0 : 100.0 * (gain / total);
    }
}
