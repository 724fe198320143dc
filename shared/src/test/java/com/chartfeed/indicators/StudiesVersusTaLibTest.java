package com.chartfeed.indicators;

import com.chartfeed.candles.CandleColumns;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every study of the catalogue that names a TA-Lib function, with its default parameters and with
 * parameter sets made from its own bounds (so no study and no parameter is forgotten), equals
 * TA-Lib's Java port bit for bit over whole histories: random walks, tick-rounded walks with many
 * ties, constant prices, a x100 gap, and histories around the warm-up length. The expected values
 * come from TA-Lib's generic metadata call (or its named method), not the service's reflective one.
 */
class StudiesVersusTaLibTest {
    private static final List<Named> HISTORIES = List.of(
            new Named("walk", walk(11, 6_000, 100, 0.01, 0)),
            new Named("tick-rounded walk", walk(12, 6_000, 25, 0.004, 0.01)),
            new Named("constant", constant(400, 101.3)),
            new Named("x100 gap", gap(walk(13, 2_000, 50, 0.01, 0), 700, 900)));

    record Named(String name, CandleColumns candles) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (IndicatorType type : IndicatorType.values()) {
            if (type.talib() == null) {
                continue;
            }
            for (double[] values : parameterSets(type)) {
                IndicatorParams params = new IndicatorParams(type, values, type.usesSource() ? PriceSource.CLOSE : null);
                for (Named history : HISTORIES) {
                    cases.add(Arguments.of(params, history));
                }
            }
            if (type.usesSource()) {
                cases.add(Arguments.of(new IndicatorParams(type, defaults(type), PriceSource.HLC3), HISTORIES.get(0)));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> shortHistories() {
        List<Arguments> cases = new ArrayList<>();
        CandleColumns walk = walk(14, 400, 100, 0.01, 0);
        for (IndicatorType type : IndicatorType.values()) {
            if (type.talib() == null) {
                continue;
            }
            IndicatorParams params = new IndicatorParams(type, defaults(type), type.usesSource() ? PriceSource.CLOSE : null);
            int lookback = type.lookback(params);
            for (int n : new int[] {0, 1, lookback, lookback + 1, lookback + 2}) {
                if (n <= walk.size()) {
                    cases.add(Arguments.of(params, new Named(n + " candles", walk.slice(0, n))));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void equalsTaLibOverTheWholeHistory(IndicatorParams params, Named history) {
        assertSame(params, history.candles());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("shortHistories")
    void equalsTaLibAroundTheWarmUp(IndicatorParams params, Named history) {
        assertSame(params, history.candles());
    }

    static void assertSame(IndicatorParams params, CandleColumns candles) {
        IndicatorSeries ours = IndicatorSeries.compute(candles, params);
        double[][] expected = TaLibOracle.compute(params, candles);
        assertEquals(expected.length, ours.values().length, "outputs");
        int first = candles.size() == 0 ? 0 : TaLibOracle.firstDefined(params, candles);
        assertEquals(first, ours.firstDefined(), "first defined value (lookback)");
        for (int c = 0; c < expected.length; c++) {
            assertEquals(candles.size(), ours.values()[c].length, "length");
            for (int i = 0; i < candles.size(); i++) {
                if (Double.doubleToLongBits(expected[c][i]) != Double.doubleToLongBits(ours.values()[c][i])) {
                    fail(params + " " + params.type().outputs().get(c) + "[" + i + "]: ours " + ours.values()[c][i]
                            + ", TA-Lib " + expected[c][i]);
                }
            }
        }
    }

    static double[] defaults(IndicatorType type) {
        return type.params().stream().mapToDouble(ParamSpec::defaultValue).toArray();
    }

    /**
     * The defaults, then two sets away from them inside the bounds: integers moved up (and down),
     * moving-average kinds cycled through every kind, reals scaled; sets breaking a rule between
     * parameters (MACD's fast &lt; slow) left out.
     */
    static List<double[]> parameterSets(IndicatorType type) {
        List<double[]> sets = new ArrayList<>();
        sets.add(defaults(type));
        for (int variant = 1; variant <= 2; variant++) {
            double[] values = defaults(type);
            for (int i = 0; i < values.length; i++) {
                ParamSpec spec = type.params().get(i);
                double value = switch (spec.type()) {
                    case INTEGER -> variant == 1 ? values[i] * 2 + i : Math.max(spec.min(), values[i] - 1 - i);
                    case MATYPE -> (variant * 3 + i * 2 + 1) % ParamSpec.MA_TYPES.size();
                    case ANCHOR -> variant; // VWAP's anchors: TA-Lib has no VWAP, VwapTest checks them
                    case REAL -> values[i] == 0 ? 0.3 * variant : values[i] * (variant == 1 ? 1.5 : 0.6);
                };
                values[i] = Math.min(spec.max(), Math.max(spec.min(), value));
            }
            if (type.check(values).isEmpty() && !Arrays.equals(values, sets.get(0))) {
                sets.add(values);
            }
        }
        if (type.params().stream().anyMatch(spec -> spec.type() == ParamSpec.Type.MATYPE)) {
            for (int kind = 1; kind < ParamSpec.MA_TYPES.size(); kind++) {
                double[] values = defaults(type);
                for (int i = 0; i < values.length; i++) {
                    if (type.params().get(i).type() == ParamSpec.Type.MATYPE) {
                        values[i] = kind;
                    }
                }
                sets.add(values);
            }
        }
        return sets;
    }

    static CandleColumns walk(long seed, int n, double start, double volatility, double tick) {
        Random random = new Random(seed);
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        double previous = start;
        for (int i = 0; i < n; i++) {
            t[i] = 1_700_000_000L + 3_600L * i;
            double open = random.nextDouble() < 0.02 ? previous * Math.exp(3 * volatility * random.nextGaussian())
                    : previous;
            double close = random.nextDouble() < 0.03 ? open : open * Math.exp(volatility * random.nextGaussian());
            double high = Math.max(open, close) * (1 + 0.5 * volatility * Math.abs(random.nextGaussian()));
            double low = Math.min(open, close) * (1 - 0.5 * volatility * Math.abs(random.nextGaussian()));
            if (tick > 0) {
                open = Math.round(open / tick) * tick;
                close = Math.round(close / tick) * tick;
                high = Math.round(high / tick) * tick;
                low = Math.round(low / tick) * tick;
            }
            o[i] = open;
            h[i] = high;
            l[i] = low;
            c[i] = close;
            v[i] = random.nextDouble() < 0.05 ? 0 : Math.floor(-Math.log(1 - random.nextDouble()) * 1000);
            previous = close;
        }
        return new CandleColumns(t, o, h, l, c, v);
    }

    private static CandleColumns constant(int n, double price) {
        CandleColumns base = walk(1, n, price, 0.01, 0);
        Arrays.fill(base.o(), price);
        Arrays.fill(base.h(), price);
        Arrays.fill(base.l(), price);
        Arrays.fill(base.c(), price);
        Arrays.fill(base.v(), 10);
        return base;
    }

    private static CandleColumns gap(CandleColumns walk, int from, int to) {
        for (int i = from; i < to; i++) {
            walk.o()[i] *= 100;
            walk.h()[i] *= 100;
            walk.l()[i] *= 100;
            walk.c()[i] *= 100;
        }
        return walk;
    }
}
