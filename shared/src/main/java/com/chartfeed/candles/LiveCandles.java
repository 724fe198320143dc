package com.chartfeed.candles;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One version of a (symbol, interval)'s history as a live market changes it, immutable to its
 * readers: every candle but the last (the settled ones) in a buffer that versions share, the last
 * candle (the forming one) in the version itself. An update of the forming candle is a new version
 * over the same buffer; an append settles the previous last candle into the buffer's next free slot
 * and takes the new one as its last. Neither copies the history.
 *
 * <p>Why readers of an older version never see a change: a slot of the buffer is written once,
 * by the version that claims it (an atomic step of the buffer's used count from that version's
 * settled count), and every version reads only the slots below its own settled count. A version
 * that cannot claim (another one derived from the same version claimed first, or the buffer is
 * full) settles into a new buffer with room to grow ({@link #capacity}), the slots below its settled
 * count copied: amortized O(1) per appended candle. A change before the last candle goes through {@link CandlePatch}'s
 * merge into a new buffer (a copy of the history).
 */
public final class LiveCandles {
    private static final int MIN_CAPACITY = 64;
    static final LiveCandles EMPTY = new LiveCandles(new Buffer(MIN_CAPACITY, 0), 0, null);

    /**
     * Room for {@code rows} and an eighth more: at 100,000 one-minute candles, 12,500 appends (about
     * 8 days) before a copy. Growing by a fixed fraction keeps an append's cost O(1) amortized (each
     * copy of n rows pays for n/8 appends) while the spare room costs at most 12.5% of the history.
     */
    public static int capacity(int rows) {
        return rows + (rows >> 3) + MIN_CAPACITY;
    }

    private final Buffer buffer;
    /** Rows {@code [0, settled)} live in the buffer. */
    private final int settled;
    /** The last candle (one row), or null when there are no candles. */
    private final CandleColumns last;

    private LiveCandles(Buffer buffer, int settled, CandleColumns last) {
        this.buffer = buffer;
        this.settled = settled;
        this.last = last;
    }

    /** A version holding a copy of {@code columns} (with room to grow). */
    public static LiveCandles of(CandleColumns columns) {
        int n = columns.size();
        if (n == 0) {
            return EMPTY;
        }
        Buffer buffer = new Buffer(capacity(n), n - 1);
        buffer.write(0, columns, 0, n - 1);
        return new LiveCandles(buffer, n - 1, columns.slice(n - 1, n));
    }

    public int size() {
        return last == null ? 0 : settled + 1;
    }

    public long time(int i) {
        return i < settled ? buffer.t[i] : last.t()[check(i)];
    }

    public double open(int i) {
        return i < settled ? buffer.o[i] : last.o()[check(i)];
    }

    public double high(int i) {
        return i < settled ? buffer.h[i] : last.h()[check(i)];
    }

    public double low(int i) {
        return i < settled ? buffer.l[i] : last.l()[check(i)];
    }

    public double close(int i) {
        return i < settled ? buffer.c[i] : last.c()[check(i)];
    }

    public double volume(int i) {
        return i < settled ? buffer.v[i] : last.v()[check(i)];
    }

    /** The open time of the last candle; call only when there is one. */
    long lastTime() {
        return last.t()[0];
    }

    CandleColumns last() {
        return last;
    }

    /** Rows {@code [from, to)} as columns of their own (a copy of those rows only). */
    public CandleColumns window(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of " + size());
        }
        Buffer out = new Buffer(to - from, to - from);
        int inBuffer = Math.max(0, Math.min(to, settled) - from);
        System.arraycopy(buffer.t, from, out.t, 0, inBuffer);
        System.arraycopy(buffer.o, from, out.o, 0, inBuffer);
        System.arraycopy(buffer.h, from, out.h, 0, inBuffer);
        System.arraycopy(buffer.l, from, out.l, 0, inBuffer);
        System.arraycopy(buffer.c, from, out.c, 0, inBuffer);
        System.arraycopy(buffer.v, from, out.v, 0, inBuffer);
        if (to > settled) {
            out.write(to - from - 1, last, 0, 1);
        }
        return new CandleColumns(out.t, out.o, out.h, out.l, out.c, out.v);
    }

    /** The open times of rows {@code [from, to)}, a copy. */
    public long[] times(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of " + size());
        }
        long[] out = new long[to - from];
        System.arraycopy(buffer.t, from, out, 0, Math.max(0, Math.min(to, settled) - from));
        if (to > settled) {
            out[to - from - 1] = last.t()[0];
        }
        return out;
    }

    /** Every row, as columns of their own: a copy of the history, for a whole recomputation. */
    public CandleColumns columns() {
        return window(0, size());
    }

    /** The same history with its last candle replaced (same open time). */
    LiveCandles withLast(CandleColumns row) {
        return new LiveCandles(buffer, settled, row);
    }

    /**
     * The history with {@code rows} settled after the settled ones (the first of them, usually the
     * previous last candle) and {@code newLast} as the last candle.
     */
    LiveCandles settle(CandleColumns rows, CandleColumns newLast) {
        int m = rows.size();
        int end = settled + m;
        Buffer target = buffer;
        if (end > buffer.t.length || !buffer.used.compareAndSet(settled, end)) {
            target = new Buffer(capacity(end), end);
            target.copyFrom(buffer, settled);
        }
        target.write(settled, rows, 0, m);
        return new LiveCandles(target, end, newLast);
    }

    private int check(int i) {
        if (i != settled || last == null) {
            throw new IndexOutOfBoundsException("row " + i + " of " + size());
        }
        return 0;
    }

    /** Column arrays with spare capacity; slots below {@link #used} are written once and never again. */
    private static final class Buffer {
        final long[] t;
        final double[] o;
        final double[] h;
        final double[] l;
        final double[] c;
        final double[] v;
        final AtomicInteger used;

        Buffer(int capacity, int used) {
            t = new long[capacity];
            o = new double[capacity];
            h = new double[capacity];
            l = new double[capacity];
            c = new double[capacity];
            v = new double[capacity];
            this.used = new AtomicInteger(used);
        }

        void write(int at, CandleColumns from, int fromIndex, int length) {
            System.arraycopy(from.t(), fromIndex, t, at, length);
            System.arraycopy(from.o(), fromIndex, o, at, length);
            System.arraycopy(from.h(), fromIndex, h, at, length);
            System.arraycopy(from.l(), fromIndex, l, at, length);
            System.arraycopy(from.c(), fromIndex, c, at, length);
            System.arraycopy(from.v(), fromIndex, v, at, length);
        }

        void copyFrom(Buffer from, int length) {
            System.arraycopy(from.t, 0, t, 0, length);
            System.arraycopy(from.o, 0, o, 0, length);
            System.arraycopy(from.h, 0, h, 0, length);
            System.arraycopy(from.l, 0, l, 0, length);
            System.arraycopy(from.c, 0, c, 0, length);
            System.arraycopy(from.v, 0, v, 0, length);
        }
    }

    @Override
    public String toString() {
        return "LiveCandles[" + size() + " rows, buffer of " + buffer.t.length + "]";
    }

    /** Approximate heap footprint of this version's rows (the shared buffer counted whole). */
    public long sizeInBytes() {
        return 64L + 6L * (16L + 8L * buffer.t.length) + (last == null ? 0 : last.sizeInBytes());
    }
}
