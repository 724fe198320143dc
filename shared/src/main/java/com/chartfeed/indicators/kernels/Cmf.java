package com.chartfeed.indicators.kernels;

/**
 * Chaikin Money Flow: each candle's money flow volume, volume times the close's place in its range
 * ((close - low) - (high - close)) / (high - low), 0 on a candle without range, summed over the
 * last {@code period} candles and divided by their volume; 0 where they traded none. Summed afresh
 * for every window (no running sums), so the value depends on the window alone. No TA-Lib counterpart.
 */
public final class Cmf {

    private Cmf() {
    }

    public static int lookback(int period) {
        Kernels.checkPeriod("period", period, 1);
        return period - 1;
    }

    public static double[] compute(double[] high, double[] low, double[] close, double[] volume, int period) {
        Kernels.checkSameLength(high, low, close, volume);
        int lookback = lookback(period);
        int n = close.length;
        double[] flow = new double[n];
        for (int i = 0; i < n; i++) {
            double range = high[i] - low[i];
            flow[i] = range == 0 ? 0 : ((close[i] - low[i]) - (high[i] - close[i])) / range * volume[i];
        }
        double[] out = Kernels.output(n, lookback);
        for (int i = lookback; i < n; i++) {
            double flows = 0;
            double volumes = 0;
            for (int j = i - lookback; j <= i; j++) {
                flows += flow[j];
                volumes += volume[j];
            }
            out[i] = volumes == 0 ? 0 : flows / volumes;
        }
        return out;
    }
}
