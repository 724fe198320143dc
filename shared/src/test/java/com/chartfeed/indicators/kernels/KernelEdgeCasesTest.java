package com.chartfeed.indicators.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Short inputs and numerically awkward prices, still against TA-Lib. */
class KernelEdgeCasesTest {

    private static final Core TA_LIB = new Core();
    private static final int BARS = 2_000;
    private static final Series BASE = MarketData.randomWalk("walk", 5L, BARS, 100.0, 0.002, 0);

    /** Data sets whose awkwardness does not depend on the kernel's lookback. */
    private static final List<Series> AWKWARD = List.of(
            MarketData.constant("constant prices", BARS, 101.37, 1_000),
            MarketData.constant("constant prices, zero volume", BARS, 101.37, 0),
            MarketData.priceGap("x100 jump and back", 9L, BARS, 700, 1_300),
            MarketData.stuckInRange("range-bound from the start", 19L, BARS, 0, 600),
            MarketData.stuckInRange("range-bound mid-series", 29L, BARS, 800, 1_400),
            MarketData.randomWalk("prices near 1e-6", 11L, BARS, 1e-6, 0.002, 0),
            MarketData.randomWalk("prices near 1e6", 13L, BARS, 1e6, 0.002, 0),
            MarketData.randomWalk("tick-rounded near 1e6", 17L, BARS, 1e6, 0.001, 1.0));

    /** Lengths around the lookback (fewer, exactly, one more), a single candle and none. */
    static Stream<Arguments> shortInputs() {
        List<Arguments> args = new ArrayList<>();
        for (KernelCase kernel : KernelCase.all()) {
            int lookback = kernel.lookback().getAsInt();
            TreeSet<Integer> lengths = new TreeSet<>(List.of(0, 1, lookback / 2, lookback, lookback + 1));
            if (lookback > 0) {
                lengths.add(lookback - 1);
            }
            for (int n : lengths) {
                args.add(Arguments.of(kernel, BASE.prefix(n + " candles, lookback " + lookback, n)));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("shortInputs")
    void shortInputsMatchTaLib(KernelCase kernel, Series series) {
        TaLibComparison.assertMatches(kernel, series, TA_LIB, -1);
    }

    static Stream<Arguments> awkwardInputs() {
        return KernelCase.all().stream()
                .flatMap(kernel -> AWKWARD.stream().map(series -> Arguments.of(kernel, series)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("awkwardInputs")
    void awkwardPricesMatchTaLib(KernelCase kernel, Series series) {
        TaLibComparison.assertMatches(kernel, series, TA_LIB, -1);
    }

    /** ROC divides by the older price; an exact 0 there must give 0, as in TA-Lib. */
    @Test
    void rocOverZeroPricesMatchesTaLib() {
        Series series = withZeroCloses("closes touching 0");
        for (int p : KernelCase.DIFF_PERIODS) {
            TaLibComparison.assertMatches(
                    KernelCase.real("ROC", p, Roc::lookback, Roc::compute, Core::rocLookback, Core::roc),
                    series, TA_LIB, -1);
        }
    }

    /**
     * Where a close is (near) zero, TA-Lib's NATR writes its 0 into the first output slot and
     * leaves the current one untouched. We put the 0 where it belongs and keep the first value;
     * everything else must still equal TA-Lib.
     */
    @ParameterizedTest(name = "NATR({0}) with zero closes")
    @ValueSource(ints = {14, 2, 7, 50})
    void natrOverZeroClosesDiffersFromTaLibOnlyInItsMisplacedZero(int period) {
        Series series = withZeroCloses("closes touching 0");
        KernelCase natr = KernelCase.hlc("NATR", period, Natr::lookback, Natr::compute,
                Core::natrLookback, Core::natr);
        TaLibComparison.assertMatches(natr, series, TA_LIB, period);

        double[] ours = Natr.compute(series.high(), series.low(), series.close(), period);
        double[] atr = Atr.compute(series.high(), series.low(), series.close(), period);
        assertEquals((atr[period] / series.close()[period]) * 100.0, ours[period], 0.0,
                "first NATR is ATR / close * 100, not TA-Lib's stray 0");
        assertNotEquals(0.0, ours[period]);
        for (int i = period; i < BARS; i++) {
            if (series.close()[i] == 0.0) {
                assertEquals(0.0, ours[i], 0.0, "NATR at a zero close, index " + i);
            }
        }
        double[] talib = new double[BARS];
        RetCode rc = TA_LIB.natr(0, BARS - 1, series.high(), series.low(), series.close(), period,
                new MInteger(), new MInteger(), talib);
        assertEquals(RetCode.Success, rc);
        assertEquals(0.0, talib[0], 0.0, "TA-Lib's first NATR is overwritten by the zero-close path");
    }

    /** A walk where every 97th close (from bar 200 on) is exactly 0. */
    private static Series withZeroCloses(String name) {
        Series walk = MarketData.randomWalk(name, 23L, BARS, 100.0, 0.002, 0);
        for (int i = 200; i < BARS; i += 97) {
            walk.close()[i] = 0.0;
            walk.low()[i] = 0.0;
        }
        return walk;
    }
}
