package com.chartfeed.indicators.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;

/**
 * The bar every kernel is held to: TA-Lib's numbers, index for index and bit for bit. The API
 * promises a relative error of 1e-9; the kernels keep TA-Lib's exact operation order, so any
 * difference at all means an optimisation changed the arithmetic.
 */
final class TaLibComparison {

    private TaLibComparison() {
    }

    /**
     * Runs our kernel and TA-Lib over the whole series and asserts: every column has length n;
     * TA-Lib's outBegIdx equals our lookback and it produces n - lookback values; slots before
     * the lookback are NaN; every later slot has the same bits as TA-Lib's (NaN equal to NaN).
     *
     * @param skip index (in the series) at which TA-Lib is known to be wrong, or -1
     */
    static void assertMatches(KernelCase kernel, Series series, Core core, int skip) {
        int n = series.size();
        double[][] ours = kernel.ours().apply(series);
        assertEquals(kernel.outputs(), ours.length, "number of output columns");
        for (double[] column : ours) {
            assertEquals(n, column.length, "output length");
        }
        int lookback = kernel.lookback().getAsInt();
        if (n == 0) {
            return; // TA-Lib rejects endIdx = -1; the empty shape is all there is to check
        }
        double[][] expected = new double[kernel.outputs()][n];
        MInteger begIdx = new MInteger();
        MInteger nbElement = new MInteger();
        RetCode rc = kernel.talib().run(core, series, begIdx, nbElement, expected);
        assertEquals(RetCode.Success, rc, "TA-Lib return code");
        assertEquals(Math.max(0, n - lookback), nbElement.value, "TA-Lib outNBElement");
        if (nbElement.value > 0) {
            assertEquals(lookback, begIdx.value, "TA-Lib outBegIdx vs our lookback");
        }
        for (int c = 0; c < ours.length; c++) {
            assertColumn(kernel + " column " + c + " on " + series, ours[c], expected[c], lookback, skip);
        }
    }

    private static void assertColumn(String label, double[] ours, double[] talib, int lookback, int skip) {
        int n = ours.length;
        int warmUp = Math.min(lookback, n);
        for (int i = 0; i < warmUp; i++) {
            if (!Double.isNaN(ours[i])) {
                fail(label + ": warm-up index " + i + " should be NaN but is " + ours[i]);
            }
        }
        int mismatches = 0;
        int first = -1;
        double worst = 0;
        for (int i = warmUp; i < n; i++) {
            if (i == skip) {
                continue;
            }
            double expected = talib[i - lookback];
            if (Double.doubleToLongBits(ours[i]) != Double.doubleToLongBits(expected)) {
                mismatches++;
                if (first < 0) {
                    first = i;
                }
                // Shows whether a mismatch is a last-bit rounding difference or a real error.
                double error = Math.abs(ours[i] - expected) / Math.max(1.0, Math.abs(expected));
                worst = Double.isNaN(error) ? Double.NaN : Math.max(worst, error);
            }
        }
        if (mismatches > 0) {
            fail(String.format("%s: %d of %d values differ from TA-Lib; first at index %d "
                            + "(ours %.17g, TA-Lib %.17g); worst relative error %.3g",
                    label, mismatches, n - warmUp, first, ours[first], talib[first - lookback], worst));
        }
    }
}
