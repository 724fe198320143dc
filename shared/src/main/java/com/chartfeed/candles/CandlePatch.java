package com.chartfeed.candles;

import java.util.Arrays;
import java.util.Optional;

/**
 * Applies a delta (changed candles, upserts keyed by open time) to a cached history: an update of
 * the forming candle, appended candles, a correction or an insertion in the middle of the history.
 * A delta of more than {@code maxRows} rows is not patched: the caller reads the history afresh.
 *
 * <p>The cached version is never written, so a reader still holding it keeps seeing every old value
 * ({@link LiveCandles}). A delta at the end (the forming candle updated, candles appended) costs
 * what it holds, not the history: the new version shares the settled candles' buffer. A delta that
 * reaches before the last candle is merged into a copy of the history.
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
     * The cached history with {@code delta}'s rows upserted, or empty when the delta has more rows
     * than this patch takes (read the whole history instead). A delta row equal bit for bit to the
     * cached one (a redelivery) changes nothing.
     *
     * @param delta rows strictly ascending by open time
     */
    public Optional<PatchedCandles> apply(LiveCandles cached, CandleColumns delta) {
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
        if (m == 0) {
            return Optional.of(new PatchedCandles(cached, n));
        }
        if (n == 0) {
            return Optional.of(new PatchedCandles(LiveCandles.of(delta), 0));
        }
        if (dt[0] < cached.lastTime()) {
            return Optional.of(merge(cached.columns(), delta));
        }
        CandleColumns last = cached.last();
        boolean replacesLast = dt[0] == cached.lastTime();
        boolean lastChanged = replacesLast && !sameRow(last, 0, delta, 0);
        if (m == 1 && replacesLast) {
            return Optional.of(lastChanged ? new PatchedCandles(cached.withLast(delta), n - 1)
                    : new PatchedCandles(cached, n));
        }
        CandleColumns settling = replacesLast ? delta.slice(0, m - 1) : concat(last, delta.slice(0, m - 1));
        LiveCandles next = cached.settle(settling, delta.slice(m - 1, m));
        return Optional.of(new PatchedCandles(next, lastChanged ? n - 1 : n));
    }

    /** {@link #apply(LiveCandles, CandleColumns)} to a copy of {@code cached}. */
    public Optional<PatchedCandles> apply(CandleColumns cached, CandleColumns delta) {
        return apply(LiveCandles.of(cached), delta);
    }

    /** The general case: every row of both, the delta's winning on equal times, into new columns. */
    private static PatchedCandles merge(CandleColumns cached, CandleColumns delta) {
        int m = delta.size();
        long[] dt = delta.t();
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
            return new PatchedCandles(LiveCandles.of(cached), n);
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
            out.copy(delta, j, to++, 1);
            if (p < n && cached.t()[p] == dt[j]) {
                from = p + 1;
            }
        }
        out.copy(cached, from, to, n - from);
        return new PatchedCandles(LiveCandles.of(out.columns()), firstChanged);
    }

    private static CandleColumns concat(CandleColumns first, CandleColumns rest) {
        Columns out = new Columns(first.size() + rest.size());
        out.copy(first, 0, 0, first.size());
        out.copy(rest, 0, first.size(), rest.size());
        return out.columns();
    }

    private static boolean sameRow(CandleColumns a, int i, CandleColumns b, int j) {
        return same(a.o()[i], b.o()[j]) && same(a.h()[i], b.h()[j]) && same(a.l()[i], b.l()[j])
                && same(a.c()[i], b.c()[j]) && same(a.v()[i], b.v()[j]);
    }

    private static boolean same(double a, double b) {
        return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
    }

    /** New columns being filled. */
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

        CandleColumns columns() {
            return new CandleColumns(t, o, h, l, c, v);
        }
    }
}
