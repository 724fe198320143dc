package com.chartfeed.indicators.kernels;

/**
 * On-balance volume, as TA_OBV: starts at the first bar's volume (not 0) and adds or subtracts
 * each later bar's volume when the price rises or falls; unchanged prices carry it over. Adding
 * x - v is the same IEEE operation as subtracting v, so the sums are bit for bit TA-Lib's.
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
            double change = price - prev;
            long rose = Kernels.ifPositive(change);
            long moved = rose | Kernels.ifNegative(change);
            // +volume on a rise, -volume on a fall, and -0.0 (which leaves any sum unchanged)
            // when the price is unchanged: one addition instead of TA-Lib's two branches.
            long sign = ~rose & Long.MIN_VALUE;
            obv += Double.longBitsToDouble((Double.doubleToRawLongBits(volume[i]) & moved) ^ sign);
            out[i] = obv;
            prev = price;
        }
        return out;
    }
}
