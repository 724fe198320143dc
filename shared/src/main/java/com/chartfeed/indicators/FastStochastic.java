package com.chartfeed.indicators;

import com.chartfeed.indicators.kernels.Rsi;
import com.chartfeed.indicators.kernels.Stoch;
import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;

import java.util.Arrays;

/**
 * TA_STOCHF and TA_STOCHRSI: the fast %K from our O(n) window kernel ({@link Stoch#fastK}; TA-Lib
 * rescans its window whenever an extreme leaves it, n·period on a trend or on an RSI pinned at 100),
 * then smoothed into %D by TA-Lib's own moving average of any of its nine kinds, over the same
 * values TA-Lib's functions give it, so both series are TA-Lib's bit for bit.
 */
final class FastStochastic {
    /** TA-Lib's functions keep no state between calls; its settings stay at their defaults. */
    private static final Core CORE = new Core();

    private FastStochastic() {
    }

    static int stochFLookback(int fastK, int fastD, int maType) {
        return fastK - 1 + CORE.movingAverageLookback(fastD, MAType.values()[maType]);
    }

    static int stochRsiLookback(int period, int fastK, int fastD, int maType) {
        return Rsi.lookback(period) + stochFLookback(fastK, fastD, maType);
    }

    /** {@code fastk, fastd}, NaN before {@link #stochFLookback}. */
    static double[][] stochF(double[] high, double[] low, double[] close, int fastK, int fastD, int maType) {
        return smoothed(Stoch.fastK(high, low, close, fastK), fastK - 1, fastD, maType);
    }

    /** {@code fastk, fastd} of the fast stochastic of RSI({@code period}), NaN before {@link #stochRsiLookback}. */
    static double[][] stochRsi(double[] in, int period, int fastK, int fastD, int maType) {
        int n = in.length;
        int rsiLookback = Rsi.lookback(period);
        if (n <= rsiLookback) {
            return new double[][] {nans(n), nans(n)};
        }
        // TA-Lib hands STOCHF the RSI from its first value on, as a column of its own
        double[] rsi = Arrays.copyOfRange(Rsi.compute(in, period), rsiLookback, n);
        double[][] out = stochF(rsi, rsi, rsi, fastK, fastD, maType);
        double[][] shifted = {nans(n), nans(n)};
        for (int c = 0; c < 2; c++) {
            System.arraycopy(out[c], 0, shifted[c], rsiLookback, n - rsiLookback);
        }
        return shifted;
    }

    /**
     * %D as TA_STOCHF makes it: TA_MA over the fast %K from its first value ({@code kStart}) on; both
     * series then start where %D does.
     */
    private static double[][] smoothed(double[] fastK, int kStart, int fastD, int maType) {
        int n = fastK.length;
        double[] d = nans(n);
        int first = n;
        if (n > kStart) {
            double[] k = Arrays.copyOfRange(fastK, kStart, n);
            MInteger begin = new MInteger();
            MInteger count = new MInteger();
            double[] out = new double[k.length];
            RetCode code = CORE.movingAverage(0, k.length - 1, k, fastD, MAType.values()[maType], begin, count, out);
            if (code != RetCode.Success) {
                throw new IllegalStateException("TA-Lib MA(" + fastD + ", " + maType + "): " + code);
            }
            if (count.value > 0) {
                first = kStart + begin.value;
                System.arraycopy(out, 0, d, first, count.value);
            }
        }
        Arrays.fill(fastK, 0, first, Double.NaN);
        return new double[][] {fastK, d};
    }

    private static double[] nans(int n) {
        double[] column = new double[n];
        Arrays.fill(column, Double.NaN);
        return column;
    }
}
