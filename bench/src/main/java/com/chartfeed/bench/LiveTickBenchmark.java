package com.chartfeed.bench;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.CandlePatch;
import com.chartfeed.candles.LiveCandles;
import com.chartfeed.candles.PatchedCandles;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorSeries;
import com.chartfeed.indicators.IndicatorType;
import com.chartfeed.indicators.LiveSeries;
import com.chartfeed.indicators.PriceSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A tick of a live market in memory, at 1,000 to 1,000,000 one-minute candles: a candle appended
 * ({@code tick=append}) or the forming candle updated ({@code tick=update}), followed by the chart's
 * read of its latest 500 candles and 500 values of RSI(14), MACD(12,26,9) or BBANDS(20,2). Two ways:
 * {@code incremental} ({@link CandlePatch} on {@link LiveCandles}, then {@link LiveSeries#patch})
 * and {@code recompute} (the tick applied to plain columns, then {@link IndicatorSeries#compute}
 * over the whole history: what a container does today after its database read, which is not
 * counted here).
 *
 * <p>An incremental tick starts from the state the one before left, as in a market (a version's
 * buffer slot is claimed once), so it is measured as a batch of {@link #BATCH} ticks after a fresh
 * state ({@code SingleShotTime}: divide the score by the batch); an append batch grows the history
 * by its size. A recomputation keeps no state, so each one patches the same history
 * ({@code AverageTime}). The class and its states are not final because JMH generates subclasses of
 * them.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class LiveTickBenchmark {
    static final int BATCH = 500;
    private static final int CHART = 500;
    private static final CandlePatch PATCH = new CandlePatch(500);

    /** A history, a study, and the market's state as the ticks of one batch leave it. */
    @State(Scope.Thread)
    public static class Market {
        @Param({"1000", "10000", "100000", "1000000"})
        int candles;
        @Param({"append", "update"})
        String tick;
        @Param({"rsi", "macd", "bbands"})
        String study;
        CandleColumns walk;
        IndicatorParams params;
        LiveCandles liveCandles;
        LiveSeries live;
        CandleColumns columns;
        CandleColumns recomputeTick;
        int ticks;

        @Setup(Level.Trial)
        public void prepare() {
            walk = Inputs.candles(candles + BATCH);
            IndicatorType type = IndicatorType.fromCode(study).orElseThrow();
            double[] values = switch (study) {
                case "rsi" -> new double[] {14};
                case "macd" -> new double[] {12, 26, 9};
                default -> new double[] {20, 2};
            };
            params = new IndicatorParams(type, values, PriceSource.CLOSE);
            columns = walk.slice(0, candles);
            recomputeTick = delta();
        }

        @Setup(Level.Iteration)
        public void reset() {
            liveCandles = LiveCandles.of(columns);
            live = LiveSeries.of(liveCandles, params);
            ticks = 0;
        }

        /** The next tick: the next candle of the walk, or the forming candle's close moved. */
        CandleColumns delta() {
            ticks++;
            if (tick.equals("append")) {
                return walk.slice(candles + ticks - 1, candles + ticks);
            }
            CandleColumns last = walk.slice(candles - 1, candles);
            double close = last.c()[0] * (1 + 1e-4 * (ticks % 7));
            return new CandleColumns(last.t(), last.o(), new double[] {Math.max(last.h()[0], close)}, last.l(),
                    new double[] {close}, new double[] {last.v()[0] + ticks});
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 40, batchSize = BATCH)
    @Measurement(iterations = 10, batchSize = BATCH)
    public void incremental(Market market, Blackhole hole) {
        PatchedCandles patched = PATCH.apply(market.liveCandles, market.delta()).orElseThrow();
        market.liveCandles = patched.candles();
        market.live = market.live.patch(patched);
        int n = market.live.size();
        hole.consume(market.liveCandles.window(Math.max(0, n - CHART), n));
        hole.consume(market.live.window(Math.max(0, n - CHART), n));
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 3, time = 1)
    public void recompute(Market market, Blackhole hole) {
        CandleColumns columns = upsert(market.columns, market.recomputeTick);
        IndicatorSeries series = IndicatorSeries.compute(columns, market.params);
        int n = series.size();
        hole.consume(columns.slice(Math.max(0, n - CHART), n));
        hole.consume(Arrays.copyOfRange(series.values()[0], Math.max(0, n - CHART), n));
    }

    /** The tick applied to plain columns: a copy of each, one row longer for an append. */
    private static CandleColumns upsert(CandleColumns columns, CandleColumns row) {
        int n = columns.size();
        boolean append = row.t()[0] > columns.t()[n - 1];
        int size = append ? n + 1 : n;
        CandleColumns out = new CandleColumns(Arrays.copyOf(columns.t(), size), Arrays.copyOf(columns.o(), size),
                Arrays.copyOf(columns.h(), size), Arrays.copyOf(columns.l(), size), Arrays.copyOf(columns.c(), size),
                Arrays.copyOf(columns.v(), size));
        out.t()[size - 1] = row.t()[0];
        out.o()[size - 1] = row.o()[0];
        out.h()[size - 1] = row.h()[0];
        out.l()[size - 1] = row.l()[0];
        out.c()[size - 1] = row.c()[0];
        out.v()[size - 1] = row.v()[0];
        return out;
    }
}
