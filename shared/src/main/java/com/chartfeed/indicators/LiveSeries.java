package com.chartfeed.indicators;

import com.chartfeed.candles.LiveCandles;
import com.chartfeed.candles.PatchedCandles;
import com.chartfeed.indicators.kernels.Stepper;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A study's series over a history that changes at its end: each patch of the candles gives the
 * next version, equal bit for bit to {@link IndicatorSeries#compute} over the patched candles, at
 * the cost of what changed where the study allows ({@link Extension}).
 *
 * <p>Stored as {@link LiveCandles} are: the values of every candle but the last in buffers shared
 * between versions (a slot written once, by the version that claims it), the last candle's values
 * in the version. A tick at the end (the forming candle updated, a candle appended) writes one or
 * two values, a patch that reaches further back writes a new buffer. Immutable to its readers: a
 * patch returns a new version and an older one keeps its values.
 *
 * <p>A {@link Extension#STEPPED} study keeps its kernel's state before candle 0, every
 * {@link #STRIDE}th candle and the last candle (the one that forms): an append or an update of the
 * forming candle steps one or two candles, a correction deeper in the history at most
 * {@code STRIDE} more than the candles after it.
 */
public final class LiveSeries {
    /** Candles between two saved states: about 25 states for 100,000 candles, a few dozen bytes each. */
    static final int STRIDE = 4096;

    private final IndicatorParams params;
    private final LiveCandles candles;
    private final Values values;
    /** Values of rows {@code [0, settled)} live in {@link #values}. */
    private final int settled;
    /** The last candle's values, one per output; null when there are no candles. */
    private final double[] last;
    /** The kernel's state before candle i (candles {@code [0, i)} consumed), never stepped again. */
    private final NavigableMap<Integer, Stepper> states;

    private LiveSeries(IndicatorParams params, LiveCandles candles, Values values, int settled, double[] last,
                       NavigableMap<Integer, Stepper> states) {
        this.params = params;
        this.candles = candles;
        this.values = values;
        this.settled = settled;
        this.last = last;
        this.states = states;
    }

    /** The series over {@code candles}, computed over the whole history. */
    public static LiveSeries of(LiveCandles candles, IndicatorParams params) {
        Stepper start = Extension.stepper(params);
        if (start == null) {
            return recomputed(params, candles);
        }
        TreeMap<Integer, Stepper> states = new TreeMap<>();
        states.put(0, start);
        LiveSeries none = new LiveSeries(params, candles, null, 0, null, states);
        return none.stepped(candles, 0);
    }

    public IndicatorParams params() {
        return params;
    }

    public int size() {
        return candles.size();
    }

    /**
     * Approximate heap footprint: the value buffers (counted whole, though versions share them), the
     * last values and the saved states; not the candles, which the candle entry counts.
     */
    public long sizeInBytes() {
        long buffers = values == null ? 0 : values.columns.length * (16L + 8L * values.columns[0].length);
        long saved = 0;
        for (Stepper state : states.values()) {
            saved += 48L + state.sizeInBytes();
        }
        return 64L + buffers + (last == null ? 0 : 16L + 8L * last.length) + saved;
    }

    /** Output {@code k}'s value at candle {@code i}. */
    public double value(int k, int i) {
        if (i == settled && last != null) {
            return last[k];
        }
        if (i < 0 || i >= settled) {
            throw new IndexOutOfBoundsException("row " + i + " of " + size());
        }
        return values.columns[k][i];
    }

    /** The whole series as arrays of its own (a copy). */
    public IndicatorSeries series() {
        return window(0, size());
    }

    /** Rows {@code [from, to)} as a series of their own (a copy of those rows only). */
    public IndicatorSeries window(int from, int to) {
        long[] t = candles.times(from, to);
        int outputs = params.type().outputs().size();
        double[][] out = new double[outputs][to - from];
        int inBuffer = Math.max(0, Math.min(to, settled) - from);
        for (int k = 0; k < outputs; k++) {
            System.arraycopy(values.columns[k], from, out[k], 0, inBuffer);
            if (to > settled) {
                out[k][to - from - 1] = last[k];
            }
        }
        int firstDefined = Math.min(params.type().lookback(params), size());
        return new IndicatorSeries(t, out, Math.min(Math.max(0, firstDefined - from), to - from));
    }

    /** The series over the patched candles; rows before {@code patch.firstChanged()} must be this series' candles. */
    public LiveSeries patch(PatchedCandles patch) {
        LiveCandles next = patch.candles();
        int first = patch.firstChanged();
        if (first > size()) {
            throw new IllegalArgumentException("first changed row " + first + " beyond the series' " + size()
                    + " candles");
        }
        if (!patch.changed() && next.size() == size()) {
            return this;
        }
        return switch (Extension.of(params.type())) {
            case STEPPED -> stepped(next, first);
            case WINDOW -> rerun(next, first);
            case RECOMPUTE -> recomputed(params, next);
        };
    }

    /**
     * Walks the stepper saved last at or before candle {@code first} to the end; saves states at
     * each stride and before the last candle, drops any other.
     */
    private LiveSeries stepped(LiveCandles next, int first) {
        int n = next.size();
        TreeMap<Integer, Stepper> kept = new TreeMap<>(states.headMap(first, true));
        int from = kept.lastKey();
        Stepper stepper = kept.get(from).copy();
        if (from % STRIDE != 0) {
            kept.remove(from); // the state before the previous last candle: only stride states stay
        }
        int outputs = params.type().outputs().size();
        if (n == 0) {
            return new LiveSeries(params, next, new Values(new double[outputs][0], 0), 0, null,
                    Collections.unmodifiableNavigableMap(kept));
        }
        Values target = Values.forWriting(values, settled, from, n - 1, outputs);
        CandleInputs in = new CandleInputs(next, params.source() != null ? params.source() : PriceSource.CLOSE);
        double[] out = new double[outputs];
        for (int i = from; i < n; i++) {
            if (i > from && i % STRIDE == 0 || i == n - 1) {
                kept.put(i, stepper.copy());
            }
            stepper.step(in, i, out);
            if (i < n - 1) {
                for (int k = 0; k < outputs; k++) {
                    target.columns[k][i] = out[k];
                }
            }
        }
        return new LiveSeries(params, next, target, n - 1, out, Collections.unmodifiableNavigableMap(kept));
    }

    /** Reruns the kernel over the changed candles and the {@code lookback} candles their values depend on. */
    private LiveSeries rerun(LiveCandles next, int first) {
        int n = next.size();
        int alignment = Extension.alignment(params);
        int from = Math.max(0, first - params.type().lookback(params)) / alignment * alignment;
        if (from == 0 || n == 0) {
            return recomputed(params, next);
        }
        double[][] tail = params.type().compute(next.window(from, n), params);
        int outputs = tail.length;
        int write = Math.min(first, settled);
        Values target = Values.forWriting(values, settled, write, n - 1, outputs);
        double[] newLast = new double[outputs];
        for (int k = 0; k < outputs; k++) {
            for (int i = write; i < n - 1; i++) {
                // below the first change only the previous last candle is written: it settles unchanged
                target.columns[k][i] = i < first ? last[k] : tail[k][i - from];
            }
            newLast[k] = tail[k][n - 1 - from];
        }
        return new LiveSeries(params, next, target, n - 1, newLast, states);
    }

    /** The series computed over the whole history, its arrays taken as the buffer. */
    private static LiveSeries recomputed(IndicatorParams params, LiveCandles candles) {
        int n = candles.size();
        double[][] columns = IndicatorSeries.compute(candles.columns(), params).values();
        if (n == 0) {
            return new LiveSeries(params, candles, new Values(columns, 0), 0, null, Collections.emptyNavigableMap());
        }
        double[] last = new double[columns.length];
        for (int k = 0; k < columns.length; k++) {
            last[k] = columns[k][n - 1];
        }
        return new LiveSeries(params, candles, new Values(columns, n - 1), n - 1, last,
                Collections.emptyNavigableMap());
    }

    /** One buffer per output with spare capacity; slots below {@link #used} are written once and never again. */
    private static final class Values {
        final double[][] columns;
        final AtomicInteger used;

        Values(double[][] columns, int used) {
            this.columns = columns;
            this.used = new AtomicInteger(used);
        }

        /**
         * A buffer in which a version derived from one with {@code settled} rows in {@code old} may
         * write rows {@code [from, end)}, keeping rows {@code [0, from)}: {@code old} itself when the
         * rows start at its settled ones and it has room, and no other version claimed them first;
         * else a new buffer with the candles' room to grow, the kept rows copied.
         */
        static Values forWriting(Values old, int settled, int from, int end, int outputs) {
            if (old != null && from == settled && end <= old.columns[0].length
                    && (end == from || old.used.compareAndSet(settled, end))) {
                return old;
            }
            double[][] columns = new double[outputs][LiveCandles.capacity(end)];
            if (old != null) {
                for (int k = 0; k < outputs; k++) {
                    System.arraycopy(old.columns[k], 0, columns[k], 0, from);
                }
            }
            return new Values(columns, end);
        }
    }
}
