package com.chartfeed.indicators.kernels;

/** Momentum, as TA_MOM: price minus the price {@code period} bars back. */
public final class Mom {

    private Mom() {
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
            out[i] = in[i] - in[i - period];
        }
        return out;
    }
}
