package com.chartfeed.indicators.kernels;

/**
 * Ichimoku Kinko Hyo (Goichi Hosoda): tenkan-sen and kijun-sen are the midpoints of the highest
 * high and lowest low of the last {@code tenkan} and {@code kijun} candles, senkou span A their
 * mean, senkou span B the midpoint over the last {@code senkou} candles, chikou span the close.
 * Every value stands at the candle it is computed from, undisplaced: charts draw the senkou spans
 * {@code kijun} candles ahead and the chikou span {@code kijun} candles behind (docs/studies.md). No TA-Lib
 * counterpart.
 */
public final class Ichimoku {

    private Ichimoku() {
    }

    public static int lookback(int tenkan, int kijun, int senkou) {
        return Math.max(Donchian.lookback(tenkan), Math.max(Donchian.lookback(kijun), Donchian.lookback(senkou)));
    }

    /** {@code tenkan, kijun, senkoua, senkoub, chikou}. */
    public static double[][] compute(double[] high, double[] low, double[] close, int tenkan, int kijun,
                                     int senkou) {
        Kernels.checkSameLength(high, low, close);
        int lookback = lookback(tenkan, kijun, senkou);
        int n = close.length;
        double[] conversion = Donchian.compute(high, low, tenkan)[1];
        double[] base = Donchian.compute(high, low, kijun)[1];
        double[] spanB = Donchian.compute(high, low, senkou)[1];
        double[] spanA = Kernels.output(n, lookback);
        double[] lagging = Kernels.output(n, lookback);
        for (int i = 0; i < n; i++) {
            if (i < lookback) {
                // one warm-up for every series: the API omits the candles before the first full set
                conversion[i] = Double.NaN;
                base[i] = Double.NaN;
                spanB[i] = Double.NaN;
            } else {
                spanA[i] = (conversion[i] + base[i]) / 2;
                lagging[i] = close[i];
            }
        }
        return new double[][] {conversion, base, spanA, spanB, lagging};
    }
}
