package com.chartfeed.indicators.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.tictactec.ta.lib.Core;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The window-extreme studies, now O(n) ({@link SlidingExtreme}), at the large periods their new
 * caps allow: against TA-Lib's own functions where TA-Lib has the study, against a scan of every
 * window (the kernels' code before the deque) where it has not. Histories: random walks, a
 * tick-rounded walk (equal highs and lows), a steady rise and fall (the extreme leaves the window
 * at every bar: TA-Lib's rescans), and values drawn from a few levels with -0.0 beside 0.0, where
 * only the very index TA-Lib keeps among equal extremes gives its bits (AROON reports the index).
 */
class WindowStudiesTest {

    private static final Core TA_LIB = new Core();
    private static final int BARS = 12_000;
    private static final int[] PERIODS = {200, 1_000, 4_999, 10_000};

    private static final List<Series> HISTORIES = List.of(
            MarketData.randomWalk("walk", 3L, BARS, 100.0, 0.002, 0),
            MarketData.randomWalk("tick-rounded walk", 4L, BARS, 25.0, 0.003, 0.01),
            trend("steady rise", BARS, 1.0001),
            trend("steady fall", BARS, 0.9999),
            levels("levels with signed zeros", 5L, BARS, -0.0, 0.0, 1, 2),
            // the highest a zero of either sign: its sign shows in WILLR's and STOCH's quotients
            levels("signed zeros above -1", 7L, BARS, -0.0, 0.0, -1),
            // every extreme a zero: its sign shows in MIDPOINT's and MIDPRICE's sums
            levels("signed zeros", 8L, BARS, -0.0, 0.0));
    /**
     * Our studies take the highest and lowest price, which Math.max and Math.min took before: of
     * -0.0 and 0.0 they prefer 0.0, whichever came last; prices are at least 1e-8, so the levels
     * here are positive.
     */
    private static final List<Series> PRICE_HISTORIES = List.of(HISTORIES.get(0), HISTORIES.get(1),
            HISTORIES.get(2), HISTORIES.get(3), levels("levels", 6L, BARS, 1, 2, 3));

    static Stream<Arguments> talibStudies() {
        List<Arguments> cases = new ArrayList<>();
        for (int p : PERIODS) {
            for (KernelCase kernel : List.of(
                    KernelCase.hlc("WILLR", p, Willr::lookback, Willr::compute, Core::willRLookback, Core::willR),
                    KernelCase.stoch(p, 3, 3),
                    KernelCase.aroon(p),
                    KernelCase.aroonOsc(p),
                    KernelCase.real("MIDPOINT", p, MidPoint::lookback, MidPoint::compute, Core::midPointLookback,
                            Core::midPoint),
                    KernelCase.midPrice(p))) {
                for (Series history : HISTORIES) {
                    cases.add(Arguments.of(kernel, history));
                }
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> ownStudies() {
        List<Arguments> cases = new ArrayList<>();
        for (int p : new int[] {1, 2, 9, 200, 1_000, 4_999, 10_000}) {
            for (Series history : PRICE_HISTORIES) {
                cases.add(Arguments.of(p, history));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("talibStudies")
    void equalTaLibAtLargePeriods(KernelCase kernel, Series history) {
        TaLibComparison.assertMatches(kernel, history, TA_LIB, -1);
    }

    @ParameterizedTest(name = "period {0} on {1}")
    @MethodSource("ownStudies")
    void donchianAndIchimokuEqualAScanOfEveryWindow(int period, Series history) {
        double[][] donchian = Donchian.compute(history.high(), history.low(), period);
        double[][] scanned = scannedDonchian(history.high(), history.low(), period);
        for (int c = 0; c < 3; c++) {
            assertBits("donchian(" + period + ") column " + c + " on " + history, scanned[c], donchian[c]);
        }
        int tenkan = Math.max(1, period / 5);
        int kijun = Math.max(1, period / 2);
        double[][] ichimoku = Ichimoku.compute(history.high(), history.low(), history.close(), tenkan, kijun, period);
        int lookback = Ichimoku.lookback(tenkan, kijun, period);
        double[] conversion = scannedDonchian(history.high(), history.low(), tenkan)[1];
        double[] base = scannedDonchian(history.high(), history.low(), kijun)[1];
        for (int i = 0; i < history.size(); i++) {
            double[] expected = i < lookback
                    ? new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN}
                    : new double[] {conversion[i], base[i], (conversion[i] + base[i]) / 2, scanned[1][i],
                            history.close()[i]};
            for (int c = 0; c < 5; c++) {
                if (Double.doubleToLongBits(expected[c]) != Double.doubleToLongBits(ichimoku[c][i])) {
                    fail("ichimoku(" + tenkan + "," + kijun + "," + period + ") column " + c + "[" + i + "] on "
                            + history + ": " + ichimoku[c][i] + ", scan " + expected[c]);
                }
            }
        }
    }

    /** Donchian as it was before the deque: each window scanned with Math.max and Math.min. */
    private static double[][] scannedDonchian(double[] high, double[] low, int period) {
        int n = high.length;
        int lookback = period - 1;
        double[][] out = {Kernels.output(n, lookback), Kernels.output(n, lookback), Kernels.output(n, lookback)};
        for (int i = lookback; i < n; i++) {
            double highest = high[i];
            double lowest = low[i];
            for (int j = i - lookback; j < i; j++) {
                highest = Math.max(highest, high[j]);
                lowest = Math.min(lowest, low[j]);
            }
            out[0][i] = highest;
            out[1][i] = (highest + lowest) / 2;
            out[2][i] = lowest;
        }
        return out;
    }

    private static void assertBits(String label, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, label);
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(actual[i])) {
                fail(label + "[" + i + "]: " + actual[i] + ", scan " + expected[i]);
            }
        }
    }

    /** Every high a new high (or every low a new low): each window's extreme leaves it at the next bar. */
    static Series trend(String name, int n, double factor) {
        long[] time = new long[n];
        double[] open = new double[n];
        double[] high = new double[n];
        double[] low = new double[n];
        double[] close = new double[n];
        double[] volume = new double[n];
        double price = 100;
        for (int i = 0; i < n; i++) {
            time[i] = MarketData.START + i * MarketData.FIFTEEN_MINUTES;
            open[i] = price;
            price *= factor;
            close[i] = price;
            high[i] = Math.max(open[i], close[i]) * 1.0005;
            low[i] = Math.min(open[i], close[i]) * 0.9995;
            volume[i] = 1_000;
        }
        return new Series(name, time, open, high, low, close, volume);
    }

    /**
     * Not candles (a low may exceed its high): each column drawn from a few levels, so almost every
     * window holds several equal extremes (with -0.0 and 0.0, zeros of either sign).
     */
    static Series levels(String name, long seed, int n, double... levels) {
        Random random = new Random(seed);
        long[] time = new long[n];
        double[][] columns = new double[4][n];
        for (int i = 0; i < n; i++) {
            time[i] = MarketData.START + i * MarketData.FIFTEEN_MINUTES;
            for (double[] column : columns) {
                column[i] = levels[random.nextInt(levels.length)];
            }
        }
        return new Series(name, time, columns[0], columns[1], columns[2], columns[3], new double[n]);
    }
}
