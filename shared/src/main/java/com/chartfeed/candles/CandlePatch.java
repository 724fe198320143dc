package com.chartfeed.candles;

import java.util.Arrays;
import java.util.Optional;

/**
 * Applies a delta (changed candles, upserts keyed by open time) to cached columns: an appended
 * candle, an update of the forming one, a correction or an insertion in the middle of the history.
 * A delta of more than {@code maxRows} rows is not patched: the caller reads the history afresh.
 *
 * <p>Copy on write: the result is new arrays and the cached columns are never written, so a reader
 * still holding them keeps seeing every old value. That costs one copy of each column per patch (a
 * memory copy, about 4.8 MB for 100,000 candles, see BENCHMARKS.md); sharing a larger backing array
 * between versions would save it for appends only, because an update of the last candle, the
 * common tick, would write a slot an older reader can see, and every kernel, the codec and the
 * JSON take a column's length as the number of candles.
 */
public final class CandlePatch {
    private final int maxRows;

    public CandlePatch(int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be positive, was " + maxRows);
        }
        this.maxRows = maxRows;
    }

    /**
     * The cached columns with {@code delta}'s rows upserted, or empty when the delta has more rows
     * than this patch takes (read the whole history instead). A delta row equal bit for bit to the
     * cached one (a redelivery) changes nothing.
     *
     * @param delta rows strictly ascending by open time
     */
    public Optional<PatchedCandles> apply(CandleColumns cached, CandleColumns delta) {
        int m = delta.size();
        if (m > maxRows) {
            return Optional.empty();
        }
        long[] dt = delta.t();
        for (int j = 1; j < m; j++) {
            if (dt[j] <= dt[j - 1]) {
                throw new IllegalArgumentException("delta rows are not strictly ascending by time at " + j);
            }
        }
        int n = cached.size();
        int[] position = new int[m];
        int inserted = 0;
        int firstChangedRow = -1;
        for (int j = 0; j < m; j++) {
            int found = Arrays.binarySearch(cached.t(), dt[j]);
            boolean insert = found < 0;
            position[j] = insert ? -found - 1 : found;
            if (insert) {
                inserted++;
            }
            if (firstChangedRow < 0 && (insert || !sameRow(cached, found, delta, j))) {
                firstChangedRow = j;
            }
        }
        if (firstChangedRow < 0) {
            return Optional.of(new PatchedCandles(cached, n));
        }
        int firstChanged = position[firstChangedRow];
        Columns out = new Columns(n + inserted);
        out.copy(cached, 0, 0, firstChanged);
        int from = firstChanged;
        int to = firstChanged;
        for (int j = firstChangedRow; j < m; j++) {
            int p = position[j];
            out.copy(cached, from, to, p - from);
            to += p - from;
            from = p;
            out.set(to++, delta, j);
            if (p < n && cached.t()[p] == dt[j]) {
                from = p + 1;
            }
        }
        out.copy(cached, from, to, n - from);
        return Optional.of(new PatchedCandles(out.columns(), firstChanged));
    }

    private static boolean sameRow(CandleColumns a, int i, CandleColumns b, int j) {
        return same(a.o()[i], b.o()[j]) && same(a.h()[i], b.h()[j]) && same(a.l()[i], b.l()[j])
                && same(a.c()[i], b.c()[j]) && same(a.v()[i], b.v()[j]);
    }

    private static boolean same(double a, double b) {
        return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
    }

    /** The new columns being filled. */
    private static final class Columns {
        private final long[] t;
        private final double[] o;
        private final double[] h;
        private final double[] l;
        private final double[] c;
        private final double[] v;

        Columns(int size) {
            t = new long[size];
            o = new double[size];
            h = new double[size];
            l = new double[size];
            c = new double[size];
            v = new double[size];
        }

        void copy(CandleColumns from, int fromIndex, int toIndex, int length) {
            System.arraycopy(from.t(), fromIndex, t, toIndex, length);
            System.arraycopy(from.o(), fromIndex, o, toIndex, length);
            System.arraycopy(from.h(), fromIndex, h, toIndex, length);
            System.arraycopy(from.l(), fromIndex, l, toIndex, length);
            System.arraycopy(from.c(), fromIndex, c, toIndex, length);
            System.arraycopy(from.v(), fromIndex, v, toIndex, length);
        }

        void set(int index, CandleColumns from, int row) {
            t[index] = from.t()[row];
            o[index] = from.o()[row];
            h[index] = from.h()[row];
            l[index] = from.l()[row];
            c[index] = from.c()[row];
            v[index] = from.v()[row];
        }

        CandleColumns columns() {
            return new CandleColumns(t, o, h, l, c, v);
        }
    }
}
