package com.chartfeed.indicators.kernels;

/**
 * Volume-weighted moving average: sum(price * volume) / sum(volume) over the last {@code period}
 * candles; where they traded no volume at all, the plain mean of the prices. Summed afresh for
 * every window (no running sums), so a huge volume long gone leaves no rounding behind. No TA-Lib
 * counterpart.
 */
public final class Vwma {

    private Vwma() {
    }

    public static int lookback(int period) {
        Kernels.checkPeriod("period", period, 1);
        return period - 1;
    }

    public static double[] compute(double[] price, double[] volume, int period) {
        int lookback = lookback(period);
        int n = price.length;
        double[] out = Kernels.output(n, lookback);
        for (int i = lookback; i < n; i++) {
            double pv = 0;
            double v = 0;
            double p = 0;
            for (int j = i - lookback; j <= i; j++) {
                pv += price[j] * volume[j];
                v += volume[j];
                p += price[j];
            }
            out[i] = v == 0 ? p / period : pv / v;
        }
        return out;
    }
}
