package com.chartfeed.indicators.kernels;

/**
 * Keltner channels as charting packages draw them today (Linda Raschke's variant of Chester
 * Keltner's): an EMA of the close, plus and minus {@code multiplier} times the ATR, both with
 * TA-Lib's algorithms ({@link Ema}, {@link Atr}). No TA-Lib counterpart.
 */
public final class Keltner {

    private Keltner() {
    }

    public static int lookback(int period, int atrPeriod) {
        return Math.max(Ema.lookback(period), Atr.lookback(atrPeriod));
    }

    /** {@code upper, middle, lower}. */
    public static double[][] compute(double[] high, double[] low, double[] close, int period, double multiplier,
                                     int atrPeriod) {
        int lookback = lookback(period, atrPeriod);
        int n = close.length;
        double[] middle = Ema.compute(close, period);
        double[] atr = Atr.compute(high, low, close, atrPeriod);
        double[] upper = Kernels.output(n, lookback);
        double[] lower = Kernels.output(n, lookback);
        for (int i = 0; i < n; i++) {
            if (i < lookback) {
                middle[i] = Double.NaN;
            } else {
                upper[i] = middle[i] + multiplier * atr[i];
                lower[i] = middle[i] - multiplier * atr[i];
            }
        }
        return new double[][] {upper, middle, lower};
    }
}
