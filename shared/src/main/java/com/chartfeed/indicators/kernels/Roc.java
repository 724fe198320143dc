package com.chartfeed.indicators.kernels;

/**
 * Rate of change in percent, as TA_ROC: ((price / prevPrice) - 1) * 100 with prevPrice taken
 * {@code period} bars back; 0 when prevPrice is exactly 0, as TA-Lib does.
 */
public final class Roc {

    private Roc() {
    }

    public static int lookback(int period) {
        Kernels.checkPeriod("period", period, 1);
        return period;
    }

    public static double[] compute(double[] in, int period) {
        int lookback = lookback(period);
        int n = in.length;
        double[] out = Kernels.output(n, lookback);
        for (int i = lookback; i < n; i++) {
            double prev = in[i - period];
            out[i] = prev != 0.0 ? ((in[i] / prev) - 1.0) * 100.0 : 0.0;
        }
        return out;
    }
}
