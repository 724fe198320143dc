package com.chartfeed.indicators.kernels;

import java.util.Arrays;

/** Plumbing shared by the kernels: parameter checks, warm-up columns and TA-Lib's zero test. */
final class Kernels {

    /** TA-Lib's upper bound on every period parameter. */
    static final int MAX_PERIOD = 100_000;

    private Kernels() {
    }

    static int checkPeriod(String name, int value, int min) {
        if (value < min || value > MAX_PERIOD) {
            throw new IllegalArgumentException(
                    name + " must be in [" + min + ", " + MAX_PERIOD + "], was " + value);
        }
        return value;
    }

    static void checkSameLength(double[] first, double[]... others) {
        for (double[] other : others) {
            if (other.length != first.length) {
                throw new IllegalArgumentException(
                        "input columns differ in length: " + first.length + " vs " + other.length);
            }
        }
    }

    /** A result column of length n whose warm-up slots [0, min(lookback, n)) hold NaN. */
    static double[] output(int n, int lookback) {
        double[] out = new double[n];
        Arrays.fill(out, 0, Math.min(lookback, n), Double.NaN);
        return out;
    }

    /**
     * TA_IS_ZERO as compiled into TA-Lib 0.4.0: a fixed band of 1e-8 regardless of the price
     * scale. It is absolute on purpose here, because matching TA-Lib on tiny prices means
     * treating tiny-but-nonzero sums as zero exactly where TA-Lib does.
     */
    static boolean isZero(double v) {
        return -1e-8 < v && v < 1e-8;
    }
}
