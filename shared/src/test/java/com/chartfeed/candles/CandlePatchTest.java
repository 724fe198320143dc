package com.chartfeed.candles;

import com.chartfeed.testing.TestCandles;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Patching cached columns with a delta: appends, an update of the last candle, replacements and
 * insertions in the middle, redelivered rows, a delta too large to patch; the cached columns a
 * reader holds never change. Each result is checked against the columns built row by row.
 */
class CandlePatchTest {
    private static final CandleColumns WALK = TestCandles.randomWalk("PATCH", Interval.M1, 1_000, 50);
    private final CandlePatch patch = new CandlePatch(300);

    @Test
    void appendsACandle() {
        CandleColumns cached = WALK.slice(0, 999);
        PatchedCandles patched = patch.apply(cached, WALK.slice(999, 1_000)).orElseThrow();
        assertColumnsEqual(WALK, patched.candles().columns());
        assertEquals(999, patched.firstChanged());
    }

    @Test
    void updatesTheLastCandle() {
        CandleColumns cached = WALK.slice(0, 1_000);
        CandleColumns update = row(WALK, 999, 1.02);
        PatchedCandles patched = patch.apply(cached, update).orElseThrow();
        assertEquals(1_000, patched.candles().size());
        assertEquals(999, patched.firstChanged());
        assertColumnsEqual(expected(cached, update), patched.candles().columns());
    }

    @Test
    void replacesAndInsertsInTheMiddle() {
        CandleColumns cached = withoutRows(WALK, 400, 401, 700);
        CandleColumns delta = concat(row(WALK, 300, 0.98), WALK.slice(400, 402), row(WALK, 650, 1.01),
                WALK.slice(700, 701), row(WALK, 999, 1.0));
        PatchedCandles patched = patch.apply(cached, delta).orElseThrow();
        assertEquals(300, patched.firstChanged());
        assertColumnsEqual(expected(cached, delta), patched.candles().columns());
        assertEquals(1_000, patched.candles().size());
    }

    @Test
    void aRedeliveredRowChangesNothingAndTheFirstChangeIsAfterIt() {
        CandleColumns cached = WALK.slice(0, 999);
        LiveCandles live = LiveCandles.of(cached);
        PatchedCandles same = patch.apply(live, WALK.slice(500, 501)).orElseThrow();
        assertColumnsEqual(cached, same.candles().columns());
        assertFalse(same.changed());
        assertSame(live, patch.apply(live, WALK.slice(998, 999)).orElseThrow().candles());
        PatchedCandles later = patch.apply(cached, concat(WALK.slice(500, 501), row(WALK, 600, 1.5))).orElseThrow();
        assertEquals(600, later.firstChanged());
        assertTrue(later.changed());
    }

    @Test
    void readersOfTheCachedColumnsKeepTheirValues() {
        CandleColumns cached = WALK.slice(0, 1_000);
        double[] closes = cached.c().clone();
        long[] times = cached.t().clone();
        patch.apply(cached, concat(row(WALK, 10, 2.0), row(WALK, 999, 3.0)));
        patch.apply(cached, row(WALK, 999, 0.5));
        assertArrayEquals(closes, cached.c());
        assertArrayEquals(times, cached.t());
    }

    /**
     * Versions sharing a buffer: appends and updates of the last candle chained, and branches from
     * one version (the second append from it cannot claim the slot the first took, so it copies);
     * every version keeps its own rows, each the row-by-row merge.
     */
    @Test
    void versionsThatShareABufferKeepTheirOwnRows() {
        CandleColumns base = WALK.slice(0, 900);
        LiveCandles root = LiveCandles.of(base);
        List<LiveCandles> versions = new ArrayList<>();
        List<CandleColumns> expected = new ArrayList<>();
        LiveCandles chained = root;
        CandleColumns chainedExpected = base;
        for (int i = 900; i < 1_000; i++) {
            for (CandleColumns delta : List.of(row(WALK, i, 0.99), row(WALK, i, 1.0))) {
                chained = patch.apply(chained, delta).orElseThrow().candles();
                chainedExpected = expected(chainedExpected, delta);
                versions.add(chained);
                expected.add(chainedExpected);
            }
        }
        for (CandleColumns delta : List.of(WALK.slice(900, 902), row(WALK, 899, 1.1), concat(row(WALK, 899, 1.2),
                WALK.slice(900, 901)), WALK.slice(900, 901))) {
            versions.add(patch.apply(root, delta).orElseThrow().candles());
            expected.add(expected(base, delta));
        }
        versions.add(root);
        expected.add(base);
        for (int i = 0; i < versions.size(); i++) {
            assertColumnsEqual(expected.get(i), versions.get(i).columns());
            CandleColumns tail = versions.get(i).window(versions.get(i).size() - 3, versions.get(i).size());
            assertColumnsEqual(expected.get(i).slice(expected.get(i).size() - 3, expected.get(i).size()), tail);
        }
    }

    @Test
    void aDeltaLargerThanTheLimitAsksForAFullRead() {
        CandleColumns cached = WALK.slice(0, 600);
        assertEquals(Optional.empty(), patch.apply(cached, WALK.slice(600, 901)));
        assertTrue(patch.apply(cached, WALK.slice(600, 900)).isPresent());
    }

    @Test
    void rejectsADeltaOutOfOrder() {
        CandleColumns delta = concat(WALK.slice(5, 6), WALK.slice(4, 5));
        assertThrows(IllegalArgumentException.class, () -> patch.apply(WALK, delta));
    }

    @Test
    void randomDeltasEqualTheRowByRowMerge() {
        SplittableRandom random = new SplittableRandom(17);
        CandleColumns cached = withoutRows(WALK, 3, 100, 101, 102, 555, 998, 999);
        for (int round = 0; round < 200; round++) {
            List<CandleColumns> rows = new ArrayList<>();
            int at = random.nextInt(1_000);
            while (at < 1_000 && rows.size() < 20) {
                rows.add(row(WALK, at, 0.9 + random.nextDouble() * 0.2));
                at += 1 + random.nextInt(80);
            }
            CandleColumns delta = concat(rows.toArray(CandleColumns[]::new));
            PatchedCandles patched = patch.apply(cached, delta).orElseThrow();
            CandleColumns expected = expected(cached, delta);
            assertColumnsEqual(expected, patched.candles().columns());
            assertEquals(firstDifference(cached, expected), patched.firstChanged());
            cached = patched.candles().columns();
        }
    }

    /** The merge done the slow way: every row of both, the delta's winning on equal times. */
    private static CandleColumns expected(CandleColumns cached, CandleColumns delta) {
        java.util.TreeMap<Long, double[]> rows = new java.util.TreeMap<>();
        for (CandleColumns source : List.of(cached, delta)) {
            for (int i = 0; i < source.size(); i++) {
                rows.put(source.t()[i], new double[] {source.o()[i], source.h()[i], source.l()[i], source.c()[i],
                        source.v()[i]});
            }
        }
        int n = rows.size();
        long[] t = new long[n];
        double[][] cols = new double[5][n];
        int i = 0;
        for (var entry : rows.entrySet()) {
            t[i] = entry.getKey();
            for (int k = 0; k < 5; k++) {
                cols[k][i] = entry.getValue()[k];
            }
            i++;
        }
        return new CandleColumns(t, cols[0], cols[1], cols[2], cols[3], cols[4]);
    }

    private static int firstDifference(CandleColumns a, CandleColumns b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            if (a.t()[i] != b.t()[i] || a.o()[i] != b.o()[i] || a.h()[i] != b.h()[i] || a.l()[i] != b.l()[i]
                    || a.c()[i] != b.c()[i] || a.v()[i] != b.v()[i]) {
                return i;
            }
        }
        return n;
    }

    /** Row {@code i} of {@code candles} with its prices scaled. */
    private static CandleColumns row(CandleColumns candles, int i, double scale) {
        return new CandleColumns(new long[] {candles.t()[i]}, new double[] {candles.o()[i] * scale},
                new double[] {candles.h()[i] * scale}, new double[] {candles.l()[i] * scale},
                new double[] {candles.c()[i] * scale}, new double[] {candles.v()[i] + scale});
    }

    private static CandleColumns concat(CandleColumns... parts) {
        CandleColumns all = CandleColumns.EMPTY;
        for (CandleColumns part : parts) {
            int n = all.size();
            int m = part.size();
            long[] t = Arrays.copyOf(all.t(), n + m);
            System.arraycopy(part.t(), 0, t, n, m);
            all = new CandleColumns(t, join(all.o(), part.o()), join(all.h(), part.h()), join(all.l(), part.l()),
                    join(all.c(), part.c()), join(all.v(), part.v()));
        }
        return all;
    }

    private static double[] join(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static CandleColumns withoutRows(CandleColumns candles, int... rows) {
        List<CandleColumns> parts = new ArrayList<>();
        int from = 0;
        for (int row : rows) {
            parts.add(candles.slice(from, row));
            from = row + 1;
        }
        parts.add(candles.slice(from, candles.size()));
        return concat(parts.toArray(CandleColumns[]::new));
    }

    private static void assertColumnsEqual(CandleColumns expected, CandleColumns actual) {
        assertArrayEquals(expected.t(), actual.t());
        assertArrayEquals(expected.o(), actual.o());
        assertArrayEquals(expected.h(), actual.h());
        assertArrayEquals(expected.l(), actual.l());
        assertArrayEquals(expected.c(), actual.c());
        assertArrayEquals(expected.v(), actual.v());
    }
}
