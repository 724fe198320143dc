package com.chartfeed.indicators.kernels;

/**
 * Kaufman adaptive moving average, as TA_KAMA: an EMA whose factor follows the efficiency
 * ratio between fast (2) and slow (30) constants. As in TA-Lib the seed is the input value
 * just before the first output, the first output is at index {@code period}, and the ratio is
 * forced to 1 when the summed path length is zero (TA_IS_ZERO) or not above the net change.
 */
public final class Kama {

    private static final double SLOWEST = 2.0 / (30.0 + 1.0);
    private static final double SPREAD = 2.0 / (2.0 + 1.0) - SLOWEST;

    private Kama() {
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
        double sumRoc1 = 0.0;
        int today = 0;
        for (int i = 0; i < period; i++) {
            double step = in[today++];
            step -= in[today];
            sumRoc1 += Math.abs(step);
        }
        double kama = in[today - 1];
        int trailingIdx = 0;
        double trailingValue = in[trailingIdx++];
        double periodRoc = in[today] - trailingValue;
        kama = step(in[today], kama, smoothing(periodRoc, sumRoc1));
        out[today++] = kama;

        while (today < n) {
            double price = in[today];
            double oldest = in[trailingIdx++];
            periodRoc = price - oldest;
            // TA-Lib slides the path-length sum by the step between the previous and the new
            // trailing value, not by recomputing it; kept for identical rounding.
            sumRoc1 -= Math.abs(trailingValue - oldest);
            sumRoc1 += Math.abs(price - in[today - 1]);
            trailingValue = oldest;
            kama = step(price, kama, smoothing(periodRoc, sumRoc1));
            out[today++] = kama;
        }
        return out;
    }

    static double smoothing(double periodRoc, double sumRoc1) {
        double efficiency = (sumRoc1 <= periodRoc || Kernels.isZero(sumRoc1))
                ? 1.0
                : Math.abs(periodRoc / sumRoc1);
        double sc = (efficiency * SPREAD) + SLOWEST;
        return sc * sc;
    }

    static double step(double price, double prev, double sc) {
        return ((price - prev) * sc) + prev;
    }
}
