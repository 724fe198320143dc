package com.chartfeed.indicators.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** VWAP has no TA-Lib counterpart; it is checked against the definition, written out plainly. */
class VwapTest {

    /**
     * The definition, recomputed from scratch for every bar: walk back to the first bar of the
     * same UTC date, then sum typical * volume and volume forward from there.
     */
    private static double[] reference(long[] time, double[] high, double[] low, double[] close,
                                      double[] volume) {
        double[] out = new double[time.length];
        for (int i = 0; i < time.length; i++) {
            LocalDate day = utcDate(time[i]);
            int start = i;
            while (start > 0 && utcDate(time[start - 1]).equals(day)) {
                start--;
            }
            double pv = 0;
            double v = 0;
            for (int j = start; j <= i; j++) {
                double typical = (high[j] + low[j] + close[j]) / 3.0;
                pv += typical * volume[j];
                v += volume[j];
            }
            out[i] = v == 0 ? (high[i] + low[i] + close[i]) / 3.0 : pv / v;
        }
        return out;
    }

    private static LocalDate utcDate(long epochSeconds) {
        return java.time.Instant.ofEpochSecond(epochSeconds).atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static void assertMatchesReference(Series s) {
        double[] ours = Vwap.compute(s.time(), s.high(), s.low(), s.close(), s.volume());
        double[] expected = reference(s.time(), s.high(), s.low(), s.close(), s.volume());
        assertEquals(expected.length, ours.length);
        for (int i = 0; i < ours.length; i++) {
            assertFalse(Double.isNaN(ours[i]), "NaN at " + i);
            assertEquals(expected[i], ours[i], 1e-9 * Math.max(1, Math.abs(expected[i])), "index " + i);
        }
    }

    @Test
    void matchesTheDefinitionOverSeveralDaysWithZeroVolumeBars() {
        // 15-minute bars over ~20 days starting at 22:00 UTC, so the first session is 8 bars long.
        Series s = MarketData.randomWalk("walk", 31L, 2_000, 100.0, 0.002, 0);
        Random random = new Random(7);
        for (int i = 0; i < s.size(); i++) {
            if (random.nextDouble() < 0.2) {
                s.volume()[i] = 0;
            }
        }
        // A session that opens with zero-volume bars, and one that never trades at all.
        long day3 = Math.floorDiv(s.time()[0], 86_400) + 3;
        long day5 = day3 + 2;
        for (int i = 0; i < s.size(); i++) {
            long day = Math.floorDiv(s.time()[i], 86_400);
            boolean firstHourOfDay3 = day == day3 && s.time()[i] - day3 * 86_400 < 3_600;
            if (firstHourOfDay3 || day == day5) {
                s.volume()[i] = 0;
            }
        }
        assertMatchesReference(s);

        double[] ours = Vwap.compute(s.time(), s.high(), s.low(), s.close(), s.volume());
        for (int i = 0; i < s.size(); i++) {
            if (Math.floorDiv(s.time()[i], 86_400) == day5) {
                assertEquals((s.high()[i] + s.low()[i] + s.close()[i]) / 3.0, ours[i], 0.0,
                        "an untraded session shows each bar's typical price");
            }
        }
    }

    @Test
    void sessionsResetAtUtcMidnightIncludingBefore1970AndAcrossMissingDays() {
        // Bars at 23:00 and 01:00 around midnight 1969-12-31/1970-01-01, then a bar 3 days later.
        long[] time = {-7_200, -3_600, 3_600, 7_200, 3 * 86_400 + 60};
        double[] high = {11, 21, 31, 41, 51};
        double[] low = {9, 19, 29, 39, 49};
        double[] close = {10, 20, 30, 40, 50};
        double[] volume = {1, 3, 2, 2, 5};
        double[] ours = Vwap.compute(time, high, low, close, volume);
        double[] expected = reference(time, high, low, close, volume);
        assertArrayEquals(expected, ours, 1e-12);
        // Sanity on the definition itself: the 01:00 bar starts a new session.
        assertEquals(30.0, ours[2], 1e-12);
        assertEquals(50.0, ours[4], 1e-12);
    }

    @Test
    void emptyAndSingleCandle() {
        assertEquals(0, Vwap.compute(new long[0], new double[0], new double[0], new double[0],
                new double[0]).length);
        double[] one = Vwap.compute(new long[] {1_700_000_000L}, new double[] {12}, new double[] {8},
                new double[] {10}, new double[] {0});
        assertArrayEquals(new double[] {10.0}, one, 0.0);
        assertEquals(0, Vwap.lookback());
    }

    @Test
    void largeAndTinyPrices() {
        for (double start : new double[] {1e-6, 1e6}) {
            Series s = MarketData.randomWalk("walk", 41L, 3_000, start, 0.002, 0);
            assertMatchesReference(s);
            double[] ours = Vwap.compute(s.time(), s.high(), s.low(), s.close(), s.volume());
            for (int i = 0; i < ours.length; i++) {
                assertTrue(ours[i] > 0, "VWAP of positive prices is positive");
            }
        }
    }
    @Test
    void weekAndMonthAnchorsRestartOnMondayAndOnTheFirstOfTheMonth() {
        // noon UTC of Sat 1970-01-03, Sun 01-04, Mon 01-05, Tue 01-06, Sat 01-31, Sun 02-01 (days 2, 3, 4, 5, 30, 31);
        // h = l = c, so the typical price is the price
        long[] time = {2 * 86_400 + 43_200, 3 * 86_400 + 43_200, 4 * 86_400 + 43_200, 5 * 86_400 + 43_200,
            30 * 86_400 + 43_200, 31 * 86_400 + 43_200};
        double[] price = {10, 20, 30, 60, 40, 50};
        double[] volume = {1, 1, 2, 1, 3, 1};
        // session: every bar a day of its own
        assertArrayEquals(price, Vwap.compute(time, price, price, price, volume, Vwap.Anchor.SESSION), 0.0);
        // week: Sat, Sun close the week of Mon 1969-12-29: 10, (10 + 20) / 2 = 15; Mon 01-05 restarts: 30,
        // (60 + 60) / 3 = 40; Sat 01-31 opens the week of Mon 01-26: 40, Sun 02-01 in it: (120 + 50) / 4 = 42.5
        assertArrayEquals(new double[] {10, 15, 30, 40, 40, 42.5},
                Vwap.compute(time, price, price, price, volume, Vwap.Anchor.WEEK), 0.0);
        // month: January sums on: 10, 15, (10 + 20 + 60) / 4 = 22.5, (90 + 60) / 5 = 30, (150 + 120) / 8 = 33.75;
        // February restarts: 50
        assertArrayEquals(new double[] {10, 15, 22.5, 30, 33.75, 50},
                Vwap.compute(time, price, price, price, volume, Vwap.Anchor.MONTH), 0.0);
    }

    @Test
    void weekAndMonthAnchorsBefore1970() {
        // Wed 1969-12-31 23:00 and Thu 1970-01-01 01:00: the same week, two months
        long[] time = {-3_600, 3_600};
        double[] price = {10, 20};
        double[] volume = {1, 1};
        assertArrayEquals(new double[] {10, 15}, Vwap.compute(time, price, price, price, volume, Vwap.Anchor.WEEK));
        assertArrayEquals(new double[] {10, 20}, Vwap.compute(time, price, price, price, volume, Vwap.Anchor.MONTH));
        // Sun 1969-12-28 and Mon 1969-12-29: two weeks
        long[] sundayMonday = {-4 * 86_400 + 60, -3 * 86_400 + 60};
        assertArrayEquals(new double[] {10, 20},
                Vwap.compute(sundayMonday, price, price, price, volume, Vwap.Anchor.WEEK));
    }
}
