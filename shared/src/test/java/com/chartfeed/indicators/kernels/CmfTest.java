package com.chartfeed.indicators.kernels;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Chaikin Money Flow has no TA-Lib counterpart: it is checked on values worked out by hand and,
 * through the catalogue, against the definition as TradingView's Pine Script writes it.
 */
class CmfTest {
    private static final double NAN = Double.NaN;

    @Test
    void isTheWindowsMoneyFlowVolumeOverItsVolume() {
        double[] high = {12, 12, 12, 10};
        double[] low = {8, 8, 8, 10};
        double[] close = {11, 8, 12, 10};
        double[] volume = {100, 50, 10, 30};
        // multipliers: (3 - 1) / 4 = 0.5, (0 - 4) / 4 = -1, (4 - 0) / 4 = 1, no range: 0
        // flows: 50, -50, 10, 0; windows of 2: (50 - 50) / 150, (-50 + 10) / 60, (10 + 0) / 40
        assertArrayEquals(new double[] {NAN, 0, -40.0 / 60, 0.25}, Cmf.compute(high, low, close, volume, 2));
        assertEquals(1, Cmf.lookback(2));
    }

    @Test
    void aWindowWithoutVolumeIsZero() {
        double[] prices = {10, 11, 12};
        assertArrayEquals(new double[] {NAN, 0, 0},
                Cmf.compute(prices, new double[] {9, 10, 11}, prices, new double[] {0, 0, 0}, 2));
    }

    /**
     * The definition as TradingView's CMF writes it, {@code math.sum(((2 * close - low - high) / (high - low))
     * * volume, length) / math.sum(volume, length)}, summed per window, on a tick-rounded walk with flat
     * and zero-volume candles.
     */
    @Test
    void matchesTheDefinitionThroughTheCatalogue() {
        Series s = MarketData.randomWalk("walk", 11L, 3_000, 100.0, 0.01, 0.01);
        CandleColumns candles = new CandleColumns(s.time(), s.open(), s.high(), s.low(), s.close(), s.volume());
        IndicatorType cmf = IndicatorType.fromCode("cmf").orElseThrow();
        int period = 20;
        double[] ours = cmf.compute(candles, new IndicatorParams(cmf, new double[] {period}, null))[0];
        int checked = 0;
        for (int i = 0; i < s.size(); i++) {
            if (i < period - 1) {
                assertTrue(Double.isNaN(ours[i]), "warm-up " + i);
                continue;
            }
            double flows = 0;
            double volumes = 0;
            for (int j = i - period + 1; j <= i; j++) {
                double range = s.high()[j] - s.low()[j];
                flows += range == 0 ? 0 : (2 * s.close()[j] - s.low()[j] - s.high()[j]) / range * s.volume()[j];
                volumes += s.volume()[j];
            }
            double expected = volumes == 0 ? 0 : flows / volumes;
            assertEquals(expected, ours[i], 1e-12, "at " + i);
            assertTrue(ours[i] >= -1 && ours[i] <= 1, "within [-1, 1] at " + i);
            checked++;
        }
        assertEquals(s.size() - period + 1, checked);
        assertEquals(period - 1, cmf.lookback(new IndicatorParams(cmf, new double[] {period}, null)));
    }
}
