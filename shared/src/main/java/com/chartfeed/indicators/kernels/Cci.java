package com.chartfeed.indicators.kernels;

/**
 * Commodity channel index, as TA_CCI: (typical - mean) / (0.015 * mean absolute deviation)
 * over the last {@code period} typical prices (h + l + c) / 3, and 0 when either the numerator
 * or the deviation is exactly 0.
 *
 * <p>TA-Lib recomputes the mean and deviation from scratch each bar, summing a circular buffer
 * in slot order (not time order); this does the same, since the summation order decides the
 * last bits and, on flat prices, whether the result is 0 or a rounding artefact.
 */
public final class Cci {

    private Cci() {
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
        double[] window = new double[period];
        int slot = 0;
        int i = 0;
        for (; i < lookback; i++) {
            window[slot++] = (high[i] + low[i] + close[i]) / 3;
        }
        for (; i < n; i++) {
            double typical = (high[i] + low[i] + close[i]) / 3;
            window[slot] = typical;
            double mean = 0;
            for (int j = 0; j < period; j++) {
                mean += window[j];
            }
            mean /= period;
            double deviation = 0;
            for (int j = 0; j < period; j++) {
                deviation += Math.abs(window[j] - mean);
            }
            double distance = typical - mean;
            out[i] = (distance != 0.0 && deviation != 0.0)
                    ? distance / (0.015 * (deviation / period))
                    : 0.0;
            slot = slot == period - 1 ? 0 : slot + 1;
        }
        return out;
    }
}
