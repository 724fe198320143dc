package com.chartfeed.indicators.kernels;

/**
 * Supertrend (Olivier Seban), as TradingView's built-in computes it: basic bands (high + low) / 2
 * plus and minus {@code multiplier} times the ATR (Wilder's, TA-Lib's {@link Atr}); the final upper
 * band only ever falls (and the lower only rises) unless the previous close broke through it; the
 * trend flips up when the close rises above the final upper band and down when it falls below the
 * final lower band. The first defined candle starts down (value = upper band), as TradingView's
 * does. No TA-Lib counterpart.
 */
public final class Supertrend {

    private Supertrend() {
    }

    public static int lookback(int period) {
        return Atr.lookback(period);
    }

    /** {@code value, direction}: the active band, and 1 (up, value = lower band) or -1 (down, upper band). */
    public static double[][] compute(double[] high, double[] low, double[] close, int period, double multiplier) {
        int lookback = lookback(period);
        int n = close.length;
        double[] atr = Atr.compute(high, low, close, period);
        double[] value = Kernels.output(n, lookback);
        double[] direction = Kernels.output(n, lookback);
        double upper = 0;
        double lower = 0;
        boolean up = false;
        for (int i = lookback; i < n; i++) {
            double mid = (high[i] + low[i]) / 2;
            double basicUpper = mid + multiplier * atr[i];
            double basicLower = mid - multiplier * atr[i];
            if (i == lookback) {
                upper = basicUpper;
                lower = basicLower;
            } else {
                // compared with the previous candle's final bands and close, before they move
                upper = basicUpper < upper || close[i - 1] > upper ? basicUpper : upper;
                lower = basicLower > lower || close[i - 1] < lower ? basicLower : lower;
                up = up ? close[i] >= lower : close[i] > upper;
            }
            value[i] = up ? lower : upper;
            direction[i] = up ? 1 : -1;
        }
        return new double[][] {value, direction};
    }
}
