package com.chartfeed.indicators;

import com.chartfeed.candles.CandleColumns;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The window-extreme studies through the catalogue, at the periods their O(n) kernels now allow
 * (up to {@link IndicatorType#PERIOD_MAX}, 200 and 100 before), equal TA-Lib's own functions bit
 * for bit: STOCHF and STOCHRSI with every moving-average kind, on a random walk, a tick-rounded
 * walk, and a steady rise and fall, where every window's extreme leaves it at the next bar and
 * RSI stays pinned at 100 (TA-Lib's worst case, a rescan at every bar).
 */
class WindowStudiesVersusTaLibTest {
    private static final int CANDLES = 12_000;
    private static final List<StudiesVersusTaLibTest.Named> HISTORIES = List.of(
            new StudiesVersusTaLibTest.Named("walk", StudiesVersusTaLibTest.walk(21, CANDLES, 100, 0.01, 0)),
            new StudiesVersusTaLibTest.Named("tick-rounded walk",
                    StudiesVersusTaLibTest.walk(22, CANDLES, 25, 0.004, 0.01)),
            new StudiesVersusTaLibTest.Named("steady rise", trend(CANDLES, 1.0001)),
            new StudiesVersusTaLibTest.Named("steady fall", trend(CANDLES, 0.9999)));

    static Stream<Arguments> cases() {
        List<IndicatorParams> params = new ArrayList<>();
        for (int p : new int[] {1_000, 4_999, IndicatorType.PERIOD_MAX}) {
            for (String code : List.of("willr", "aroon", "aroonosc", "midprice")) {
                params.add(params(code, PriceSource.CLOSE, p));
            }
            params.add(params("midpoint", PriceSource.HL2, p));
            params.add(params("stoch", null, p, 3, 3));
            params.add(params("stochf", null, p, 3, 0));
        }
        for (int kind = 0; kind < ParamSpec.MA_TYPES.size(); kind++) {
            params.add(params("stochf", null, 2_000, 30, kind));
            params.add(params("stochrsi", PriceSource.CLOSE, 500, 2_000, 7, kind));
        }
        params.add(params("stochrsi", PriceSource.HLC3, IndicatorType.PERIOD_MAX, 1, 1, 0));
        params.add(params("stochrsi", PriceSource.CLOSE, 14, IndicatorType.PERIOD_MAX, 3, 0));
        List<Arguments> cases = new ArrayList<>();
        for (IndicatorParams p : params) {
            for (StudiesVersusTaLibTest.Named history : HISTORIES) {
                cases.add(Arguments.of(p, history));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void equalsTaLibAtLargePeriods(IndicatorParams params, StudiesVersusTaLibTest.Named history) {
        StudiesVersusTaLibTest.assertSame(params, history.candles());
    }

    private static IndicatorParams params(String code, PriceSource source, double... values) {
        IndicatorType type = IndicatorType.fromCode(code).orElseThrow();
        return new IndicatorParams(type, values, type.usesSource() ? source : null);
    }

    /** Every high a new high (or every low a new low), closes rising (or falling) at every candle. */
    private static CandleColumns trend(int n, double factor) {
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        double price = 100;
        for (int i = 0; i < n; i++) {
            t[i] = 1_700_000_000L + 3_600L * i;
            o[i] = price;
            price *= factor;
            c[i] = price;
            h[i] = Math.max(o[i], c[i]) * 1.0005;
            l[i] = Math.min(o[i], c[i]) * 0.9995;
            v[i] = 1_000;
        }
        return new CandleColumns(t, o, h, l, c, v);
    }
}
