package com.chartfeed.indicators.kernels;

import java.util.Arrays;

/**
 * Slow stochastic, as TA_STOCH with both smoothings SMA (MAType 0). Returns {k, d}: the fast
 * %K = (close - lowest low) / ((highest high - lowest low) / 100) over {@code fastK} bars (0
 * when the range is exactly 0), slow %K its SMA over {@code slowK}, and %D the SMA of slow %K
 * over {@code slowD}. A smoothing period of 1 passes the series through, as TA_MA does.
 */
public final class Stoch {

    private Stoch() {
    }

    public static int lookback(int fastK, int slowK, int slowD) {
        Kernels.checkPeriod("fastK period", fastK, 1);
        Kernels.checkPeriod("slowK period", slowK, 1);
        Kernels.checkPeriod("slowD period", slowD, 1);
        return (fastK - 1) + (slowK - 1) + (slowD - 1);
    }

    /**
     * The fast %K alone, as TA_STOCHF and TA_STOCHRSI compute it before smoothing it into %D: defined
     * from bar {@code fastK - 1} on, NaN before.
     */
    public static double[] fastK(double[] high, double[] low, double[] close, int fastK) {
        int lookback = lookback(fastK, 1, 1);
        Kernels.checkSameLength(high, low, close);
        double[] out = Kernels.output(high.length, lookback);
        fastKInto(high, low, close, fastK, out);
        return out;
    }

    /** Writes the fast %K into {@code out} from bar {@code fastK - 1} on. */
    private static void fastKInto(double[] high, double[] low, double[] close, int fastK, double[] out) {
        int kStart = fastK - 1;
        WindowExtremes range = new WindowExtremes(high, low, fastK);
        for (int today = kStart; today < high.length; today++) {
            range.advance(today - kStart, today);
            double diff = (range.highest - range.lowest) / 100.0;
            out[today] = diff != 0.0 ? (close[today] - range.lowest) / diff : 0.0;
        }
    }

    public static double[][] compute(double[] high, double[] low, double[] close,
                                     int fastK, int slowK, int slowD) {
        int lookback = lookback(fastK, slowK, slowD);
        Kernels.checkSameLength(high, low, close);
        int n = high.length;
        double[] k = new double[n];
        double[] d = new double[n];
        if (n > lookback) {
            // No scratch columns: the fast %K is written where its next stage can read it (into
            // d when it is smoothed into k, else straight into k), then %D from k into d.
            int kStart = fastK - 1;
            fastKInto(high, low, close, fastK, slowK == 1 ? k : d);
            if (slowK > 1) {
                Sma.smaInto(d, kStart, n, slowK, k);
            }
            if (slowD == 1) {
                System.arraycopy(k, lookback, d, lookback, n - lookback);
            } else {
                Sma.smaInto(k, kStart + slowK - 1, n, slowD, d);
            }
        }
        // The stages above leave intermediate values before the lookback.
        int warmUp = Math.min(lookback, n);
        Arrays.fill(k, 0, warmUp, Double.NaN);
        Arrays.fill(d, 0, warmUp, Double.NaN);
        return new double[][] {k, d};
    }
}
