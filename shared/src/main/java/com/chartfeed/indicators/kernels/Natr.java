package com.chartfeed.indicators.kernels;

/**
 * Normalized ATR in percent of the close, as TA_NATR: (ATR / close) * 100, and 0 where the
 * close is TA_IS_ZERO.
 *
 * <p>Two TA-Lib behaviours to know about. With period 1, TA-Lib returns the raw, un-normalized
 * true range; that is reproduced. Where a close is within 1e-8 of zero, TA-Lib writes its 0 to
 * the first output slot instead of the current one (overwriting the first NATR and leaving the
 * current slot unwritten); that is a buffer bug and is not reproduced: here the current slot
 * gets the 0.
 */
public final class Natr {

    private Natr() {
    }

    public static int lookback(int period) {
        Kernels.checkPeriod("period", period, 1);
        return period;
    }

    public static double[] compute(double[] high, double[] low, double[] close, int period) {
        int lookback = lookback(period);
        Kernels.checkSameLength(high, low, close);
        int n = high.length;
        if (period == 1) {
            return Atr.compute(high, low, close, period);
        }
        double[] out = Kernels.output(n, lookback);
        if (n <= lookback) {
            return out;
        }
        double atr = Atr.seed(high, low, close, period);
        out[period] = normalize(atr, close[period]);
        for (int i = period + 1; i < n; i++) {
            atr = Atr.wilder(atr, Atr.trueRange(high[i], low[i], close[i - 1]), period);
            out[i] = normalize(atr, close[i]);
        }
        return out;
    }

    static double normalize(double atr, double close) {
        return Kernels.isZero(close) ? 0.0 : (atr / close) * 100.0;
    }
}
