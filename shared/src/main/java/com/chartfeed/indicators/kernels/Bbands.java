package com.chartfeed.indicators.kernels;

/**
 * Bollinger bands, as TA_BBANDS with an SMA middle band and nbDevUp = nbDevDn = stddev.
 * Returns {upper, middle, lower}.
 *
 * <p>The population standard deviation is TA-Lib's: mean of squares minus square of the mean,
 * from a running sum of squares, and 0 whenever that variance is below 1e-8
 * (TA_IS_ZERO_OR_NEG). The cutoff is absolute: whenever the deviation is below 1e-4, which
 * already happens on ordinary series priced around 0.01, the bands collapse onto the middle
 * band, exactly as in TA-Lib.
 */
public final class Bbands {

    /** TA-Lib's accepted range for the deviation multipliers. */
    private static final double MAX_DEVIATIONS = 3.0e37;

    private Bbands() {
    }

    public static int lookback(int period) {
        Kernels.checkPeriod("period", period, 2);
        return period - 1;
    }

    public static double[][] compute(double[] in, int period, double stddev) {
        int lookback = lookback(period);
        if (!(stddev >= -MAX_DEVIATIONS && stddev <= MAX_DEVIATIONS)) {
            throw new IllegalArgumentException("stddev must be in [-3e37, 3e37], was " + stddev);
        }
        int n = in.length;
        double[] upper = Kernels.output(n, lookback);
        double[] middle = Kernels.output(n, lookback);
        double[] lower = Kernels.output(n, lookback);
        if (n <= lookback) {
            return new double[][] {upper, middle, lower};
        }
        // TA-Lib's SMA pass and its variance pass fused into one loop: each running sum keeps
        // its own order of operations (add the newest, then drop the oldest), so every value is
        // bit for bit TA-Lib's, but the two sums overlap in the CPU.
        double total = 0.0;
        double sumSquares = 0.0;
        for (int i = 0; i < lookback; i++) {
            total += in[i];
            sumSquares += in[i] * in[i];
        }
        int trailing = 0;
        for (int i = lookback; i < n; i++) {
            double value = in[i];
            total += value;
            double mean = total / period;
            sumSquares += value * value;
            double variance = sumSquares / period;
            double oldest = in[trailing++];
            total -= oldest;
            sumSquares -= oldest * oldest;
            variance -= mean * mean;
            double deviation = variance < 1e-8 ? 0.0 : Math.sqrt(variance);
            // TA-Lib skips the multiplication when stddev == 1.0; x * 1.0 == x, so no branch.
            double width = deviation * stddev;
            middle[i] = mean;
            upper[i] = mean + width;
            lower[i] = mean - width;
        }
        return new double[][] {upper, middle, lower};
    }
}
