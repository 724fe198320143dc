package com.chartfeed.indicators;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.CandlePatch;
import com.chartfeed.candles.Interval;
import com.chartfeed.candles.LiveCandles;
import com.chartfeed.candles.PatchedCandles;
import com.chartfeed.testing.TestCandles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every study of the catalogue, followed tick by tick as a live market moves it, equals the study
 * computed at once over the same candles, bit for bit (NaN positions included), after every step:
 * 1,000 single-candle appends, each first as a forming candle updated twice before it closes (the
 * last-candle updates), then corrections in the middle of the history (a changed candle, a candle
 * inserted into a gap), one near the end and one at the second candle. A second run starts from no
 * candles at all, so each study's warm-up is crossed tick by tick. The candles are patched by
 * {@link CandlePatch}, as the cache will patch them.
 *
 * <p>The three studies whose cost per candle is high whatever the parameters
 * ({@link IndicatorType#historyMax()} bounded: HT_DCPHASE, HT_SINE, HT_TRENDMODE, recomputed on
 * every patch) take 100 appends instead of 1,000 to keep the run short.
 */
class LiveSeriesTest {
    private static final int HISTORY = 2_000;
    private static final int APPENDS = 1_000;
    private static final int COSTLY_APPENDS = 100;
    /** The row missing from the starting history, inserted later as a late candle. */
    private static final int GAP = 1_234;
    private static final CandleColumns WALK = TestCandles.randomWalk("LIVE", Interval.M1, HISTORY + APPENDS + 1, 100);
    private static final CandlePatch PATCH = new CandlePatch(500);

    static Stream<Arguments> studies() {
        List<Arguments> cases = new ArrayList<>();
        for (IndicatorType type : IndicatorType.values()) {
            cases.add(Arguments.of(new IndicatorParams(type, defaults(type), type.usesSource() ? PriceSource.CLOSE : null)));
        }
        return cases.stream();
    }

    /** The incremental studies again at other parameters: the shortest periods, an averaged source. */
    static Stream<Arguments> variants() {
        List<Arguments> cases = new ArrayList<>();
        for (IndicatorType type : IndicatorType.values()) {
            if (Extension.of(type) == Extension.RECOMPUTE || type.params().isEmpty() && !type.usesSource()) {
                continue;
            }
            double[] shortest = type.params().stream().mapToDouble(ParamSpec::min).toArray();
            if (type == IndicatorType.MACD) {
                shortest = new double[] {5, 35, 2};
            }
            if (type == IndicatorType.BBANDS) {
                shortest = new double[] {2, 1.5};
            }
            cases.add(Arguments.of(new IndicatorParams(type, shortest, type.usesSource() ? PriceSource.HLC3 : null)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("studies")
    void everyStudyFollowsTicksExactly(IndicatorParams params) {
        follow(params, HISTORY, params.type().historyMax() < Integer.MAX_VALUE ? COSTLY_APPENDS : APPENDS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("studies")
    void everyStudyCrossesItsWarmUpTickByTick(IndicatorParams params) {
        follow(params, 0, 150);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void incrementalStudiesFollowTicksAtOtherParameters(IndicatorParams params) {
        follow(params, HISTORY, APPENDS);
    }

    /**
     * The studies stepped and rerun over their window, as they were when each study's way moved from
     * lists in {@link Extension} into its definition (CMF joined the window studies then): every other
     * study is recomputed. A study moved here is a decision, not a side effect of an edit.
     */
    @Test
    void eachStudyFollowsAPatchItsOwnWay() {
        assertEquals(List.of("adx", "atr", "bbands", "dema", "ema", "hma", "kama", "keltner", "macd", "mfi", "natr",
                "obv", "rsi", "sma", "stoch", "supertrend", "tema", "trima", "vwap", "wma"), codes(Extension.STEPPED));
        assertEquals(List.of("aroon", "aroonosc", "avgprice", "cci", "cmf", "donchian", "ichimoku", "linearreg",
                "linearreg_angle", "linearreg_intercept", "linearreg_slope", "medprice", "midpoint", "midprice", "mom",
                "roc", "rocp", "rocr", "rocr100", "tsf", "typprice", "vwma", "wclprice", "willr"),
                codes(Extension.WINDOW));
        for (IndicatorType type : IndicatorType.values()) {
            IndicatorParams params = new IndicatorParams(type, defaults(type), type.usesSource() ? PriceSource.CLOSE : null);
            assertEquals(type == IndicatorType.CCI ? 14 : 1, Extension.alignment(params), type.code());
            assertEquals(Extension.of(type) == Extension.STEPPED, Extension.stepper(params) != null, type.code());
        }
    }

    @Test
    void aDeltaThatChangesNothingKeepsTheSeries() {
        IndicatorParams rsi = new IndicatorParams(IndicatorType.RSI, new double[] {14}, PriceSource.CLOSE);
        LiveCandles candles = LiveCandles.of(WALK.slice(0, 100));
        LiveSeries live = LiveSeries.of(candles, rsi);
        PatchedCandles same = PATCH.apply(candles, WALK.slice(99, 100)).orElseThrow();
        assertSame(live, live.patch(same));
    }

    @Test
    void anEmptyHistoryGrowsFromItsFirstCandle() {
        for (String code : List.of("rsi", "willr", "cdlhammer")) {
            IndicatorType type = IndicatorType.fromCode(code).orElseThrow();
            IndicatorParams params = new IndicatorParams(type, defaults(type), type.usesSource() ? PriceSource.CLOSE : null);
            LiveCandles empty = LiveCandles.of(CandleColumns.EMPTY);
            LiveSeries live = LiveSeries.of(empty, params);
            check(params, live, CandleColumns.EMPTY, "empty");
            CandleColumns two = WALK.slice(0, 2);
            live = live.patch(PATCH.apply(empty, two).orElseThrow());
            check(params, live, two, "first two candles");
        }
    }

    /**
     * Versions branching from one version (two ticks patched onto the same cached state, as two
     * containers' loads could) each get their own values, and the version they branch from keeps its
     * own: the buffer slot the first branch claimed is not written by the second.
     */
    @Test
    void branchesFromOneVersionKeepTheirOwnValues() {
        for (IndicatorType type : List.of(IndicatorType.RSI, IndicatorType.WILLR, IndicatorType.MACD)) {
            IndicatorParams params = new IndicatorParams(type, defaults(type), type.usesSource() ? PriceSource.CLOSE : null);
            CandleColumns base = WALK.slice(0, 500);
            LiveCandles rootCandles = LiveCandles.of(base);
            LiveSeries root = LiveSeries.of(rootCandles, params);
            CandleColumns next = WALK.slice(500, 501);
            CandleColumns changed = row(base, 499, 1.02);
            CandleColumns lastChangedAndNext = new CandleColumns(new long[] {changed.t()[0], next.t()[0]},
                    new double[] {changed.o()[0], next.o()[0]}, new double[] {changed.h()[0], next.h()[0]},
                    new double[] {changed.l()[0], next.l()[0]}, new double[] {changed.c()[0], next.c()[0]},
                    new double[] {changed.v()[0], next.v()[0]});
            CandleColumns[] deltas = {next, forming(500, 0), row(base, 499, 1.01), lastChangedAndNext};
            List<LiveSeries> branches = new ArrayList<>();
            List<LiveCandles> branchCandles = new ArrayList<>();
            for (CandleColumns delta : deltas) {
                PatchedCandles patched = PATCH.apply(rootCandles, delta).orElseThrow();
                branchCandles.add(patched.candles());
                branches.add(root.patch(patched));
            }
            check(params, root, base, "root after branching");
            assertArrayEquals(base.c(), rootCandles.columns().c());
            for (int i = 0; i < deltas.length; i++) {
                CandleColumns expected = base;
                for (int r = 0; r < deltas[i].size(); r++) {
                    expected = upsert(expected, deltas[i].slice(r, r + 1));
                }
                check(params, branches.get(i), expected, "branch " + i);
                assertArrayEquals(expected.c(), branchCandles.get(i).columns().c());
                assertArrayEquals(expected.t(), branchCandles.get(i).columns().t());
            }
        }
    }

    private static void follow(IndicatorParams params, int history, int appends) {
        CandleColumns expected = without(WALK.slice(0, history + 1), GAP);
        LiveCandles candles = LiveCandles.of(expected);
        LiveSeries live = LiveSeries.of(candles, params);
        check(params, live, expected, "start");
        for (int a = 0; a < appends; a++) {
            int row = history + 1 + a;
            for (int stage = 0; stage < 3; stage++) {
                CandleColumns delta = forming(row, stage);
                PatchedCandles patched = PATCH.apply(candles, delta).orElseThrow();
                expected = upsert(expected, delta);
                candles = patched.candles();
                live = live.patch(patched);
                check(params, live, expected, "append " + a + " stage " + stage);
            }
        }
        int n = expected.size();
        int[] corrected = {n / 2, n - 3, 1};
        for (int index : corrected) {
            CandleColumns row = expected.slice(index, index + 1);
            CandleColumns fix = new CandleColumns(row.t(), row.o(), new double[] {row.h()[0] * 1.01}, row.l(),
                    new double[] {row.h()[0] * 1.005}, new double[] {row.v()[0] + 7});
            PatchedCandles patched = PATCH.apply(candles, fix).orElseThrow();
            assertEquals(index, patched.firstChanged());
            expected = upsert(expected, fix);
            candles = patched.candles();
            live = live.patch(patched);
            check(params, live, expected, "correction at " + index);
        }
        if (history > GAP) {
            CandleColumns late = WALK.slice(GAP, GAP + 1);
            PatchedCandles patched = PATCH.apply(candles, late).orElseThrow();
            assertEquals(GAP, patched.firstChanged());
            expected = upsert(expected, late);
            candles = patched.candles();
            live = live.patch(patched);
            check(params, live, expected, "late candle inserted at " + GAP);
        }
    }

    /** {@code candles} with one row replaced or inserted at its time: the test's own merge. */
    private static CandleColumns upsert(CandleColumns candles, CandleColumns row) {
        int found = Arrays.binarySearch(candles.t(), row.t()[0]);
        int at = found >= 0 ? found : -found - 1;
        int n = candles.size() + (found >= 0 ? 0 : 1);
        CandleColumns before = candles.slice(0, at);
        CandleColumns after = candles.slice(found >= 0 ? at + 1 : at, candles.size());
        long[] t = new long[n];
        double[][] cols = new double[5][n];
        double[][] from = {before.o(), before.h(), before.l(), before.c(), before.v()};
        double[][] mid = {row.o(), row.h(), row.l(), row.c(), row.v()};
        double[][] to = {after.o(), after.h(), after.l(), after.c(), after.v()};
        System.arraycopy(before.t(), 0, t, 0, at);
        t[at] = row.t()[0];
        System.arraycopy(after.t(), 0, t, at + 1, after.size());
        for (int k = 0; k < 5; k++) {
            System.arraycopy(from[k], 0, cols[k], 0, at);
            cols[k][at] = mid[k][0];
            System.arraycopy(to[k], 0, cols[k], at + 1, after.size());
        }
        return new CandleColumns(t, cols[0], cols[1], cols[2], cols[3], cols[4]);
    }

    private static CandleColumns row(CandleColumns candles, int i, double scale) {
        return new CandleColumns(new long[] {candles.t()[i]}, new double[] {candles.o()[i] * scale},
                new double[] {candles.h()[i] * scale}, new double[] {candles.l()[i] * scale},
                new double[] {candles.c()[i] * scale}, new double[] {candles.v()[i] + scale});
    }

    /** Row {@code row} of the walk as it forms: opened, half-way, closed. */
    private static CandleColumns forming(int row, int stage) {
        CandleColumns at = WALK.slice(row, row + 1);
        if (stage == 2) {
            return at;
        }
        double open = at.o()[0];
        double close = stage == 0 ? open : open + (at.c()[0] - open) / 2;
        return new CandleColumns(at.t(), at.o(), new double[] {Math.max(open, close)},
                new double[] {Math.min(open, close)}, new double[] {close}, new double[] {at.v()[0] / (3 - stage)});
    }

    private static CandleColumns without(CandleColumns candles, int row) {
        if (row >= candles.size()) {
            return candles;
        }
        int n = candles.size() - 1;
        long[] t = new long[n];
        double[][] cols = new double[5][n];
        double[][] from = {candles.o(), candles.h(), candles.l(), candles.c(), candles.v()};
        System.arraycopy(candles.t(), 0, t, 0, row);
        System.arraycopy(candles.t(), row + 1, t, row, n - row);
        for (int k = 0; k < 5; k++) {
            System.arraycopy(from[k], 0, cols[k], 0, row);
            System.arraycopy(from[k], row + 1, cols[k], row, n - row);
        }
        return new CandleColumns(t, cols[0], cols[1], cols[2], cols[3], cols[4]);
    }

    private static void check(IndicatorParams params, LiveSeries live, CandleColumns candles, String step) {
        IndicatorSeries expected = IndicatorSeries.compute(candles, params);
        IndicatorSeries actual = live.series();
        IndicatorSeries tail = live.window(Math.max(0, candles.size() - 500), candles.size());
        assertEquals(Math.min(500, candles.size()), tail.size(), step);
        for (int k = 0; k < tail.values().length && tail.size() > 0; k++) {
            assertEquals(Double.doubleToRawLongBits(expected.values()[k][candles.size() - 1]),
                    Double.doubleToRawLongBits(tail.values()[k][tail.size() - 1]), step);
        }
        assertArrayEquals(expected.t(), actual.t(), step);
        assertEquals(expected.firstDefined(), actual.firstDefined(), step);
        assertEquals(expected.values().length, actual.values().length, step);
        for (int k = 0; k < expected.values().length; k++) {
            double[] e = expected.values()[k];
            double[] v = actual.values()[k];
            assertEquals(e.length, v.length, step);
            for (int i = 0; i < e.length; i++) {
                if (Double.doubleToRawLongBits(e[i]) != Double.doubleToRawLongBits(v[i])) {
                    fail(params + " after " + step + ": output " + k + " at " + i + " of " + e.length
                            + " is " + v[i] + ", computed at once " + e[i]);
                }
            }
        }
        assertTrue(actual.size() == candles.size());
    }

    private static List<String> codes(Extension way) {
        return IndicatorType.values().stream().filter(type -> Extension.of(type) == way).map(IndicatorType::code)
                .sorted().toList();
    }

    private static double[] defaults(IndicatorType type) {
        return type.params().stream().mapToDouble(ParamSpec::defaultValue).toArray();
    }
}
