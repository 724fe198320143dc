package com.chartfeed.indicators.kernels;

/**
 * Volume-weighted average price anchored to UTC days (no TA-Lib equivalent). A session starts
 * at the first bar whose day, floor(openTime / 86400), differs from the previous bar's; within
 * it the value is sum(typical * volume) / sum(volume) with typical = (h + l + c) / 3. Until the
 * session has traded any volume the bar's own typical price stands in, so the output is never
 * NaN and never divides by zero.
 */
public final class Vwap {

    private static final long SECONDS_PER_DAY = 86_400L;

    private Vwap() {
    }

    public static int lookback() {
        return 0;
    }

    public static double[] compute(long[] openTimeEpochSeconds, double[] high, double[] low,
                                   double[] close, double[] volume) {
        Kernels.checkSameLength(high, low, close, volume);
        int n = high.length;
        if (openTimeEpochSeconds.length != n) {
            throw new IllegalArgumentException(
                    "input columns differ in length: " + openTimeEpochSeconds.length + " vs " + n);
        }
        double[] out = new double[n];
        long session = 0;
        double priceVolume = 0.0;
        double cumulativeVolume = 0.0;
        for (int i = 0; i < n; i++) {
            // floorDiv, not '/': bars before 1970 must still fall into their own UTC day.
            long day = Math.floorDiv(openTimeEpochSeconds[i], SECONDS_PER_DAY);
            if (i == 0 || day != session) {
                session = day;
                priceVolume = 0.0;
                cumulativeVolume = 0.0;
            }
            double typical = (high[i] + low[i] + close[i]) / 3.0;
            priceVolume += typical * volume[i];
            cumulativeVolume += volume[i];
            out[i] = cumulativeVolume == 0.0 ? typical : priceVolume / cumulativeVolume;
        }
        return out;
    }
}
