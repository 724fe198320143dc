package com.chartfeed.indicators.kernels;

import java.util.Arrays;

/**
 * Plumbing shared by the kernels: parameter checks, warm-up columns, TA-Lib's zero test and
 * the sign masks of the branch-free kernels.
 */
final class Kernels {

    /** TA-Lib's upper bound on every period parameter. */
    static final int MAX_PERIOD = 100_000;

    private Kernels() {
    }

    /**
     * An internal invariant, not the user-facing rule: a request's periods are checked once, against
     * the study's own bounds ({@code ParamSpec}), when the API parses them, before any kernel runs.
     * This keeps the warm-up arithmetic sound for every caller (the catalogue, and the kernel tests
     * and benchmarks that call kernels directly) with TA-Lib's own bound; a breach is a bug, a 500.
     */
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

    /*
     * Branch-free selection. On a price series the sign of each change is a coin toss, so a
     * branch on it is mispredicted about half the time (most of OBV's and much of RSI's, MFI's
     * and ADX's cost on fresh data). HotSpot (C2, x86) compiles a conditional move of a double
     * into a branch, but one of a long after a single comparison into a real cmov (two
     * comparisons joined by || are branches again); so each comparison yields a long mask and
     * the selection is done on the bits: select(mask, v) is v or +0.0, and adding +0.0 to (or
     * subtracting it from) a sum that is never -0.0 leaves it unchanged, so the results are bit
     * for bit those of TA-Lib's if/else. Where TA-Lib compares a with b, the kernels test the
     * sign of a - b: the same answer for every pair of doubles, NaN included (equal infinities
     * give NaN, which is neither).
     */

    /** All ones when {@code v < 0}, else 0. */
    static long ifNegative(double v) {
        return v < 0 ? -1L : 0L;
    }

    /** All ones when {@code v > 0}, else 0. */
    static long ifPositive(double v) {
        return v > 0 ? -1L : 0L;
    }

    /** {@code v} where the mask is all ones, +0.0 where it is 0. */
    static double select(long mask, double v) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(v) & mask);
    }
}
