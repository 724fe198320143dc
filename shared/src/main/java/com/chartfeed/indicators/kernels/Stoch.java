package com.chartfeed.indicators.kernels;

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

    public static double[][] compute(double[] high, double[] low, double[] close,
                                     int fastK, int slowK, int slowD) {
        int lookback = lookback(fastK, slowK, slowD);
        Kernels.checkSameLength(high, low, close);
        int n = high.length;
        double[] k = Kernels.output(n, lookback);
        double[] d = Kernels.output(n, lookback);
        if (n <= lookback) {
            return new double[][] {k, d};
        }
        int kStart = fastK - 1;
        double[] rawK = new double[n];
        WindowExtremes range = new WindowExtremes(high, low);
        for (int today = kStart; today < n; today++) {
            range.advance(today - kStart, today);
            double diff = (range.highest - range.lowest) / 100.0;
            rawK[today] = diff != 0.0 ? (close[today] - range.lowest) / diff : 0.0;
        }
        double[] smoothK = smooth(rawK, kStart, n, slowK);
        int dStart = kStart + slowK - 1;
        if (slowD == 1) {
            System.arraycopy(smoothK, lookback, d, lookback, n - lookback);
        } else {
            Sma.smaInto(smoothK, dStart, n, slowD, d);
        }
        System.arraycopy(smoothK, lookback, k, lookback, n - lookback);
        return new double[][] {k, d};
    }

    private static double[] smooth(double[] in, int from, int n, int period) {
        if (period == 1) {
            return in;
        }
        double[] out = new double[n];
        Sma.smaInto(in, from, n, period, out);
        return out;
    }
}
