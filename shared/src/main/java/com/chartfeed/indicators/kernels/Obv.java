package com.chartfeed.indicators.kernels;

/**
 * On-balance volume, as TA_OBV: starts at the first bar's volume (not 0) and adds or subtracts
 * each later bar's volume when the price rises or falls; unchanged prices carry it over.
 */
public final class Obv {

    private Obv() {
    }

    public static int lookback() {
        return 0;
    }

    public static double[] compute(double[] in, double[] volume) {
        Kernels.checkSameLength(in, volume);
        int n = in.length;
        double[] out = new double[n];
        if (n == 0) {
            return out;
        }
        double obv = volume[0];
        double prev = in[0];
        for (int i = 0; i < n; i++) {
            double price = in[i];
            if (price > prev) {
                obv += volume[i];
            } else if (price < prev) {
                obv -= volume[i];
            }
            out[i] = obv;
            prev = price;
        }
        return out;
    }
}
