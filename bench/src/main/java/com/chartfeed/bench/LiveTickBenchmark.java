package com.chartfeed.bench;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.CandlePatch;
import com.chartfeed.candles.PatchedCandles;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorSeries;
import com.chartfeed.indicators.IndicatorType;
import com.chartfeed.indicators.LiveSeries;
import com.chartfeed.indicators.PriceSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * One tick of a live market in memory, at 1,000 to 1,000,000 one-minute candles: a candle appended
 * ({@code tick=append}) or the forming candle updated ({@code tick=update}), applied to the cached
 * columns by {@link CandlePatch}, then RSI(14), MACD(12,26,9) or BBANDS(20,2) brought up to date
 * two ways: {@code incremental} ({@link LiveSeries#patch}: steps from the saved kernel state) and
 * {@code recompute} ({@link IndicatorSeries#compute} over the patched history, what a container
 * does today after its database read, which is not counted here). {@code patchOnly} is the candle
 * patch alone (a copy of the six columns, copy-on-write), part of both.
 *
 * <p>Every invocation patches the same cached state (it is immutable), so each measures one tick.
 * The class and its states are not final because JMH generates subclasses of them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LiveTickBenchmark {
    private static final CandlePatch PATCH = new CandlePatch(500);

    /** The cached history and the tick's delta. */
    @State(Scope.Benchmark)
    public static class History {
        @Param({"1000", "10000", "100000", "1000000"})
        int candles;
        @Param({"append", "update"})
        String tick;
        CandleColumns cached;
        CandleColumns delta;

        @Setup
        public void setUp() {
            CandleColumns walk = Inputs.candles(candles + 1);
            cached = walk.slice(0, candles);
            if (tick.equals("append")) {
                delta = walk.slice(candles, candles + 1);
            } else {
                CandleColumns last = walk.slice(candles - 1, candles);
                double close = last.c()[0] * 1.001;
                delta = new CandleColumns(last.t(), last.o(), new double[] {Math.max(last.h()[0], close)}, last.l(),
                        new double[] {close}, new double[] {last.v()[0] + 100});
            }
        }
    }

    /** A study's series over the cached history, with its saved states. */
    @State(Scope.Benchmark)
    public static class Study {
        @Param({"rsi", "macd", "bbands"})
        String study;
        IndicatorParams params;
        LiveSeries live;

        @Setup
        public void setUp(History history) {
            IndicatorType type = IndicatorType.fromCode(study).orElseThrow();
            double[] values = switch (study) {
                case "rsi" -> new double[] {14};
                case "macd" -> new double[] {12, 26, 9};
                default -> new double[] {20, 2};
            };
            params = new IndicatorParams(type, values, PriceSource.CLOSE);
            live = LiveSeries.of(history.cached, params);
        }
    }

    @Benchmark
    public PatchedCandles patchOnly(History history) {
        return PATCH.apply(history.cached, history.delta).orElseThrow();
    }

    @Benchmark
    public LiveSeries incremental(History history, Study study) {
        return study.live.patch(PATCH.apply(history.cached, history.delta).orElseThrow());
    }

    @Benchmark
    public IndicatorSeries recompute(History history, Study study) {
        return IndicatorSeries.compute(PATCH.apply(history.cached, history.delta).orElseThrow().candles(),
                study.params);
    }
}
