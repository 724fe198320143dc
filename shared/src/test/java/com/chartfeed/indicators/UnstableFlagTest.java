package com.chartfeed.indicators;

import com.chartfeed.api.QueryParser;
import com.chartfeed.candles.CandleColumns;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalogue's {@code unstable} holds for every study: true exactly when a value depends on
 * where the history starts. Each study runs over a long random walk and over the same walk without
 * its first {@link #CUT} candles; from the shorter run's first value on, both must agree candle for
 * candle (to rounding: running sums are rounded differently when they start elsewhere) unless the
 * study is unstable. A study that takes a moving-average kind runs once per kind as well, since
 * {@code matype=ema} makes any of them depend on the history start.
 *
 * <p>The cut falls at 2018-01-01 00:00 UTC, a Monday and the first of a month, where every VWAP
 * anchor opens a new period: VWAP depends on the candles since its anchor alone, as a window
 * study depends on its window alone, and neither run has a partial first period there.
 */
class UnstableFlagTest {
    private static final long CUT_TIME = Instant.parse("2018-01-01T00:00:00Z").getEpochSecond();
    private static final int HOUR = 3_600;
    private static final int CUT = 24 * 120;
    private static final int CANDLES = CUT + 3_000;
    private static final CandleColumns WHOLE = randomWalk(CANDLES, CUT_TIME - (long) CUT * HOUR, 20_251_118L);
    private static final CandleColumns LATER = WHOLE.slice(CUT, CANDLES);

    @Test
    void unstableIsTrueExactlyWhenTheValuesDependOnWhereTheHistoryStarts() {
        Map<String, String> wrong = new TreeMap<>();
        int stable = 0;
        for (IndicatorType type : Catalogue.all()) {
            String differs = null;
            for (Map<String, String> query : variants(type)) {
                differs = differs != null ? differs : firstDifference(QueryParser.params(type, query));
            }
            if (differs == null) {
                stable++;
            }
            if (type.unstable() != (differs != null)) {
                wrong.put(type.code(), type.unstable()
                        ? "marked unstable, yet equal after its lookback whichever candle the history starts at"
                        : "marked stable, yet " + differs);
            }
        }
        assertEquals(Map.of(), wrong, "studies whose unstable flag is wrong");
        assertTrue(stable > 80 && stable < Catalogue.all().size() - 20,
                "both kinds are well represented: " + stable + " stable");
    }

    @Test
    void theCutFindsAStableStudyEqualAndAnUnstableOneDifferent() {
        // the construction itself: SMA's window starts after the cut, EMA's seed moves with it
        assertEquals(null, firstDifference(QueryParser.params(IndicatorType.SMA, Map.of())));
        assertTrue(firstDifference(QueryParser.params(IndicatorType.EMA, Map.of())) != null);
        assertTrue(firstDifference(QueryParser.params(IndicatorType.fromCode("apo").orElseThrow(),
                Map.of("matype", "ema"))) != null, "apo with an EMA");
        assertEquals(null, firstDifference(QueryParser.params(IndicatorType.fromCode("apo").orElseThrow(), Map.of())),
                "apo's default is an SMA");
    }

    /** The defaults, then each moving-average kind of each {@code matype} parameter. */
    private static List<Map<String, String>> variants(IndicatorType type) {
        List<Map<String, String>> variants = new ArrayList<>();
        variants.add(Map.of());
        for (ParamSpec spec : type.params()) {
            if (spec.type() == ParamSpec.Type.MATYPE) {
                for (String kind : ParamSpec.MA_TYPES) {
                    variants.add(Map.of(spec.name(), kind));
                }
            }
        }
        return variants;
    }

    /** Where the run over {@link #LATER} first departs from the whole run, or null when it never does. */
    static String firstDifference(IndicatorParams params) {
        double[][] whole = params.type().compute(WHOLE, params);
        double[][] later = params.type().compute(LATER, params);
        int lookback = params.type().lookback(params);
        assertTrue(lookback < LATER.size() / 2, params + " has a tail to compare");
        for (int s = 0; s < whole.length; s++) {
            for (int i = lookback; i < later[s].length; i++) {
                double a = whole[s][CUT + i];
                double b = later[s][i];
                boolean same = Double.isNaN(a) ? Double.isNaN(b)
                        : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
                if (!same) {
                    return params + " " + params.type().outputs().get(s) + " differs " + (i - lookback)
                            + " candles after its lookback: " + a + " over the whole history, " + b + " without its first "
                            + CUT + " candles";
                }
            }
        }
        return null;
    }

    /** Hourly candles of a geometric random walk, prices to the cent, whole volumes (some zero). */
    static CandleColumns randomWalk(int n, long start, long seed) {
        Random random = new Random(seed);
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        double close = 100;
        for (int i = 0; i < n; i++) {
            t[i] = start + (long) i * HOUR;
            o[i] = close;
            close = cents(o[i] * Math.exp(0.01 * random.nextGaussian()));
            c[i] = close;
            h[i] = cents(Math.max(o[i], c[i]) * (1 + 0.004 * Math.abs(random.nextGaussian())));
            l[i] = cents(Math.min(o[i], c[i]) * (1 - 0.004 * Math.abs(random.nextGaussian())));
            v[i] = random.nextInt(20) == 0 ? 0 : Math.floor(1_000 + 9_000 * random.nextDouble());
        }
        return new CandleColumns(t, o, h, l, c, v);
    }

    private static double cents(double price) {
        return Math.round(price * 100) / 100.0;
    }
}
