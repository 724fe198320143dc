package com.chartfeed.indicators.kernels;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The studies TA-Lib lacks, on values worked out by hand from their published definitions. */
class BeyondTaLibTest {
    private static final double NAN = Double.NaN;

    @Test
    void donchianIsTheHighestHighAndLowestLowOfTheWindow() {
        double[] high = {1, 3, 2, 5, 4};
        double[] low = {0, 2, 1, 3, 2};
        double[][] out = Donchian.compute(high, low, 3);
        assertArrayEquals(new double[] {NAN, NAN, 3, 5, 5}, out[0]);
        assertArrayEquals(new double[] {NAN, NAN, 1.5, 3, 3}, out[1]);
        assertArrayEquals(new double[] {NAN, NAN, 0, 1, 1}, out[2]);
        assertEquals(2, Donchian.lookback(3));
    }

    @Test
    void vwmaWeighsPricesByVolumeAndFallsBackToTheMeanWithoutVolume() {
        assertArrayEquals(new double[] {NAN, 17.5, 20}, Vwma.compute(new double[] {10, 20, 30}, new double[] {1, 3, 0}, 2));
        assertArrayEquals(new double[] {NAN, 15}, Vwma.compute(new double[] {10, 20}, new double[] {0, 0}, 2));
    }

    @Test
    void hullFollowsALinearSeriesWithoutLag() {
        // p = 1..8: WMA(2) = p - 1/3, WMA(4) = p - 1, raw = p + 1/3, WMA(2) of raw = p
        double[] out = HullMa.compute(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 4);
        assertEquals(4, HullMa.lookback(4));
        for (int i = 0; i < 4; i++) {
            assertTrue(Double.isNaN(out[i]), "warm-up " + i);
        }
        for (int i = 4; i < 8; i++) {
            assertEquals(i + 1, out[i], 1e-12, "at " + i);
        }
        // period 9: WMA(4), WMA(9), smoothing WMA(3): lookback 8 + 2
        assertEquals(10, HullMa.lookback(9));
    }

    @Test
    void keltnerIsTheEmaPlusAndMinusAMultipleOfTheAtr() {
        double[] high = {11, 13, 12};
        double[] low = {9, 11, 10};
        double[] close = {10, 12, 11};
        // EMA(2): seeded with the mean of 10 and 12 = 11, then 11 + 2/3 * (11 - 11) = 11;
        // true ranges: max(13-11, |13-10|, |11-10|) = 3, max(12-10, |12-12|, |10-12|) = 2
        double[][] out = Keltner.compute(high, low, close, 2, 2, 1);
        assertArrayEquals(new double[] {NAN, 17, 15}, out[0]);
        assertArrayEquals(new double[] {NAN, 11, 11}, out[1]);
        assertArrayEquals(new double[] {NAN, 5, 7}, out[2]);
    }
}
