package com.chartfeed.indicators;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.PatchedCandles;
import com.chartfeed.indicators.kernels.StepInputs;
import com.chartfeed.indicators.kernels.Stepper;

import java.util.Arrays;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A study's series over a history that changes at its end: each patch of the candles gives the
 * next series, equal bit for bit to {@link IndicatorSeries#compute} over the patched candles, at
 * the cost of what changed where the study allows ({@link Extension}).
 *
 * <p>Immutable: a patch returns a new instance and leaves this one (its series, its saved states)
 * as it was, so a reader holding it is never disturbed. A {@link Extension#STEPPED} study keeps
 * its kernel's state before candle 0, every {@link #STRIDE}th candle and the last candle (the one
 * that forms): an append or an update of the forming candle steps one or two candles, a correction
 * deeper in the history at most {@code STRIDE} more than the candles after it.
 */
public final class LiveSeries {
    /** Candles between two saved states: about 25 states for 100,000 candles, a few dozen bytes each. */
    static final int STRIDE = 4096;

    private final IndicatorParams params;
    private final IndicatorSeries series;
    /** The kernel's state before candle i (candles {@code [0, i)} consumed), never stepped again. */
    private final NavigableMap<Integer, Stepper> states;

    private LiveSeries(IndicatorParams params, IndicatorSeries series, NavigableMap<Integer, Stepper> states) {
        this.params = params;
        this.series = series;
        this.states = states;
    }

    /** The series over {@code candles}, computed over the whole history. */
    public static LiveSeries of(CandleColumns candles, IndicatorParams params) {
        Stepper start = Extension.stepper(params);
        if (start == null) {
            return new LiveSeries(params, IndicatorSeries.compute(candles, params), Collections.emptyNavigableMap());
        }
        TreeMap<Integer, Stepper> states = new TreeMap<>();
        states.put(0, start);
        return stepped(params, candles, 0, null, states);
    }

    public IndicatorSeries series() {
        return series;
    }

    public IndicatorParams params() {
        return params;
    }

    /** The series over the patched candles; rows before {@code patch.firstChanged()} must be this series' candles. */
    public LiveSeries patch(PatchedCandles patch) {
        CandleColumns candles = patch.candles();
        int first = patch.firstChanged();
        if (first > series.size()) {
            throw new IllegalArgumentException("first changed row " + first + " beyond the series' "
                    + series.size() + " candles");
        }
        if (!patch.changed() && candles.size() == series.size()) {
            return this;
        }
        return switch (Extension.of(params.type())) {
            case STEPPED -> {
                TreeMap<Integer, Stepper> kept = new TreeMap<>(states.headMap(first, true));
                yield stepped(params, candles, kept.lastKey(), series, kept);
            }
            case WINDOW -> new LiveSeries(params, window(candles, first), states);
            case RECOMPUTE -> new LiveSeries(params, IndicatorSeries.compute(candles, params), states);
        };
    }

    /**
     * Walks the stepper saved before candle {@code from} to the end, keeping {@code old}'s values
     * before it; saves states at each stride and before the last candle, drops any other.
     */
    private static LiveSeries stepped(IndicatorParams params, CandleColumns candles, int from,
                                      IndicatorSeries old, TreeMap<Integer, Stepper> states) {
        int n = candles.size();
        int outputs = params.type().outputs().size();
        double[][] values = new double[outputs][];
        for (int k = 0; k < outputs; k++) {
            values[k] = old == null ? new double[n] : Arrays.copyOf(old.values()[k], n);
        }
        Stepper stepper = states.get(from).copy();
        if (from % STRIDE != 0) {
            states.remove(from); // the state before the previous last candle: only stride states stay
        }
        PriceSource source = params.source() != null ? params.source() : PriceSource.CLOSE;
        StepInputs in = new StepInputs(i -> source.at(candles, i), candles.h(), candles.l(), candles.c(),
                candles.v());
        for (int i = from; i < n; i++) {
            if (i > from && i % STRIDE == 0 || i == n - 1) {
                states.put(i, stepper.copy());
            }
            stepper.step(in, i, values);
        }
        int firstDefined = Math.min(params.type().lookback(params), n);
        return new LiveSeries(params, new IndicatorSeries(candles.t(), values, firstDefined),
                Collections.unmodifiableNavigableMap(states));
    }

    /** Reruns the kernel over the changed candles and the {@code lookback} candles their values depend on. */
    private IndicatorSeries window(CandleColumns candles, int first) {
        int n = candles.size();
        int alignment = Extension.alignment(params);
        int from = Math.max(0, first - params.type().lookback(params)) / alignment * alignment;
        if (from == 0) {
            return IndicatorSeries.compute(candles, params);
        }
        double[][] tail = params.type().compute(candles.slice(from, n), params);
        double[][] values = new double[tail.length][];
        for (int k = 0; k < tail.length; k++) {
            values[k] = Arrays.copyOf(series.values()[k], n);
            System.arraycopy(tail[k], first - from, values[k], first, n - first);
        }
        return new IndicatorSeries(candles.t(), values, Math.min(params.type().lookback(params), n));
    }
}
