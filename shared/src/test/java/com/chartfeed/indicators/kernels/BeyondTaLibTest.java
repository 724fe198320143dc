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
    @Test
    void supertrendCarriesItsBandsAndFlipsOnTheClose() {
        double[] high = {11, 11, 13, 14, 12, 10};
        double[] low = {9, 9, 11, 12, 8, 8};
        double[] close = {10, 10, 12.5, 13.5, 9, 9};
        // period 1: the ATR is the true range; multiplier 1: bands (h + l) / 2 -+ TR
        // 1: TR 2, bands 12 / 8, first candle starts down: value 12
        // 2: TR 3, basic 15 / 9; upper stays 12 (15 is not below, close 10 did not break 12);
        //    lower rises to 9; close 12.5 > 12: up, value 9
        // 3: TR 2, basic 15 / 11; close 12.5 broke 12 so upper resets to 15; lower rises to 11; 13.5 >= 11: up, 11
        // 4: TR 5.5, basic 15.5 / 4.5; upper stays 15, lower stays 11; close 9 < 11: down, value 15
        // 5: TR 2, basic 11 / 7; upper falls to 11; close 9 broke 11 so lower resets to 7; 9 <= 11: down, 11
        double[][] out = Supertrend.compute(high, low, close, 1, 1);
        assertArrayEquals(new double[] {NAN, 12, 9, 11, 15, 11}, out[0]);
        assertArrayEquals(new double[] {NAN, -1, 1, 1, -1, -1}, out[1]);
        assertEquals(1, Supertrend.lookback(1));
    }

    @Test
    void supertrendStartsOnWildersAtr() {
        double[] high = new double[40];
        double[] low = new double[40];
        double[] close = new double[40];
        for (int i = 0; i < 40; i++) {
            close[i] = 100 + 5 * Math.sin(i / 3.0);
            high[i] = close[i] + 1 + (i % 3);
            low[i] = close[i] - 1 - (i % 2);
        }
        double[] atr = Atr.compute(high, low, close, 10);
        double[][] out = Supertrend.compute(high, low, close, 10, 3);
        assertEquals(10, Supertrend.lookback(10));
        assertTrue(Double.isNaN(out[0][9]));
        assertEquals((high[10] + low[10]) / 2 + 3 * atr[10], out[0][10]);
        for (int i = 10; i < 40; i++) {
            double mid = (high[i] + low[i]) / 2;
            assertEquals(out[1][i] == 1, out[0][i] < mid, "the lower band under an up trend, at " + i);
        }
    }

    @Test
    void ichimokuIsWindowMidpointsAtTheCandleTheyAreComputedFrom() {
        double[] high = {9, 5, 4, 6, 3, 7};
        double[] low = {1, 1.5, 2, 3, 2.5, 4};
        double[] close = {2, 4, 3, 5, 3, 6};
        // tenkan 2, kijun 3, senkou 4: defined from candle 3 on (the longest window's)
        // tenkan: [2,3] (6+2)/2 = 4, [3,4] (6+2.5)/2 = 4.25, [4,5] (7+2.5)/2 = 4.75
        // kijun: [1,3] (6+1.5)/2 = 3.75, [2,4] (6+2)/2 = 4, [3,5] (7+2.5)/2 = 4.75
        // senkou A = (tenkan + kijun) / 2: 3.875, 4.125, 4.75
        // senkou B: [0,3] (9+1)/2 = 5, [1,4] (6+1.5)/2 = 3.75, [2,5] (7+2)/2 = 4.5; chikou: the close
        double[][] out = Ichimoku.compute(high, low, close, 2, 3, 4);
        assertArrayEquals(new double[] {NAN, NAN, NAN, 4, 4.25, 4.75}, out[0]);
        assertArrayEquals(new double[] {NAN, NAN, NAN, 3.75, 4, 4.75}, out[1]);
        assertArrayEquals(new double[] {NAN, NAN, NAN, 3.875, 4.125, 4.75}, out[2]);
        assertArrayEquals(new double[] {NAN, NAN, NAN, 5, 3.75, 4.5}, out[3]);
        assertArrayEquals(new double[] {NAN, NAN, NAN, 5, 3, 6}, out[4]);
        assertEquals(3, Ichimoku.lookback(2, 3, 4));
        assertEquals(51, Ichimoku.lookback(9, 26, 52));
    }
}
