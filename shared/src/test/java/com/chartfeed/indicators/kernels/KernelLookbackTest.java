package com.chartfeed.indicators.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Lookbacks against TA-Lib's xxxLookback functions, and rejection of nonsense parameters. */
class KernelLookbackTest {

    private static final Core TA_LIB = new Core();

    static List<KernelCase> cases() {
        return KernelCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void lookbackEqualsTaLib(KernelCase kernel) {
        assertEquals(kernel.taLookback().applyAsInt(TA_LIB), kernel.lookback().getAsInt());
    }

    @Test
    void periodsOutsideTaLibRangesAreRejected() {
        double[] x = new double[100];
        List<Executable> nonsense = List.of(
                () -> Sma.compute(x, 1), () -> Sma.lookback(0), () -> Ema.compute(x, -3),
                () -> Wma.compute(x, 100_001), () -> Dema.compute(x, 1), () -> Tema.compute(x, 0),
                () -> Trima.compute(x, 1), () -> Kama.compute(x, 1), () -> Rsi.compute(x, 1),
                () -> Roc.compute(x, 0), () -> Mom.compute(x, -1),
                () -> Macd.compute(x, 1, 26, 9), () -> Macd.compute(x, 12, 0, 9),
                () -> Macd.lookback(12, 26, 0),
                () -> Bbands.compute(x, 1, 2.0), () -> Bbands.compute(x, 20, Double.NaN),
                () -> Bbands.compute(x, 20, Double.POSITIVE_INFINITY),
                () -> Atr.compute(x, x, x, 0), () -> Natr.compute(x, x, x, 0),
                () -> Adx.compute(x, x, x, 1), () -> Cci.compute(x, x, x, 1),
                () -> Willr.compute(x, x, x, 1), () -> Mfi.compute(x, x, x, x, 1),
                () -> Stoch.compute(x, x, x, 0, 3, 3), () -> Stoch.compute(x, x, x, 5, 0, 3),
                () -> Stoch.lookback(5, 3, 0));
        for (Executable call : nonsense) {
            assertThrows(IllegalArgumentException.class, call);
        }
    }

    /**
     * TA-Lib declares a MACD signal period of 1 valid, but its lookback is then one short
     * (slow - 2) and the call itself throws, so there is nothing to be equal to: we reject it.
     */
    @Test
    void macdSignalPeriodOneIsRejectedBecauseTaLibCannotComputeIt() {
        double[] x = MarketData.randomWalk("walk", 3L, 200, 100, 0.002, 0).close();
        assertEquals(24, TA_LIB.macdLookback(12, 26, 1));
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> TA_LIB.macd(0, x.length - 1, x,
                12, 26, 1, new MInteger(), new MInteger(), new double[200], new double[200], new double[200]));
        assertThrows(IllegalArgumentException.class, () -> Macd.lookback(12, 26, 1));
        assertThrows(IllegalArgumentException.class, () -> Macd.compute(x, 12, 26, 1));
    }

    @Test
    void columnsOfDifferentLengthsAreRejected() {
        double[] a = new double[50];
        double[] b = new double[49];
        List<Executable> mismatched = List.of(
                () -> Atr.compute(a, a, b, 14), () -> Natr.compute(a, b, a, 14),
                () -> Adx.compute(b, a, a, 14), () -> Cci.compute(a, a, b, 14),
                () -> Willr.compute(a, b, a, 14), () -> Mfi.compute(a, a, a, b, 14),
                () -> Stoch.compute(a, a, b, 5, 3, 3), () -> Obv.compute(a, b),
                () -> Vwap.compute(new long[50], a, a, a, b), () -> Vwap.compute(new long[49], a, a, a, a));
        for (Executable call : mismatched) {
            assertThrows(IllegalArgumentException.class, call);
        }
    }
}
