package com.chartfeed.bench;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorType;
import com.chartfeed.indicators.TaLibOracle;
import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.CCIIndicator;
import org.ta4j.core.indicators.DoubleEMAIndicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.KAMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.ROCIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.StochasticOscillatorKIndicator;
import org.ta4j.core.indicators.TripleEMAIndicator;
import org.ta4j.core.indicators.WMAIndicator;
import org.ta4j.core.indicators.WilliamsRIndicator;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.numeric.NumericIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.indicators.volume.MoneyFlowIndexIndicator;
import org.ta4j.core.indicators.volume.OnBalanceVolumeIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A whole series of every indicator but VWAP (TA-Lib has none), at TA-Lib's default parameters
 * over sample candles, computed three ways: our kernels, TA-Lib's Java port (the oracle they are
 * tested equal to) and ta4j. This is the cost of a cache miss's compute step, and the numbers
 * behind "ours vs TA-Lib" in docs/benchmarks.md.
 *
 * <p>Each implementation is called as its own callers would: ours through
 * {@link IndicatorType#compute}, allocating its outputs; TA-Lib into output arrays allocated once;
 * ta4j by building the indicator over a prepared {@code BarSeries} and reading {@code getValue(i)}
 * at every index, which is how ta4j computes a whole series. ta4j uses {@link DoubleNum}, its
 * fastest number type. ta4j 0.17 has no TRIMA, NATR or MOM, so its method leaves them out
 * ({@link Ta4jInputs} lists fewer indicators), and its STOCH and WILLR take time quadratic in the
 * series length, so they are refused at setup above {@link Ta4jInputs#QUADRATIC_LIMIT} candles.
 *
 * <p>By default ({@code inputs=same}) every invocation gets the same series. At 10,000 candles the
 * CPU's branch predictor then learns the whole series, and code that branches on the sign of each
 * price change (TA-Lib's OBV, RSI, MFI, ADX) runs several times faster per candle than it does on
 * a series it has not seen, as every cache miss in production is. {@code -p inputs=rotating}
 * cycles ours and TA-Lib alike through {@link Inputs#ROTATION} different series instead (as many
 * as fit in a million candles), which no predictor can learn. Run the two separately: {@link
 * Ratios} keys results by indicator and size only.
 *
 * <p>The class and its states are not final because JMH generates subclasses of them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// ta4j holds a million bars as objects and caches every intermediate indicator as boxed numbers:
// a fixed, roomy heap keeps that from being measured as GC resizing.
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class KernelBenchmark {

    @Benchmark
    public void ours(OurInputs in, Blackhole bh) {
        bh.consume(in.type.compute(in.next(), in.params));
    }

    @Benchmark
    public void taLib(TaLibInputs in, Blackhole bh) {
        in.advance();
        bh.consume(in.run());
        bh.consume(in.out);
    }

    /**
     * TA-Lib writing into new arrays, as a caller that keeps each result (a cache) must: the
     * like-for-like comparison with {@link #ours}, which returns fresh columns.
     */
    @Benchmark
    public void taLibFreshOutput(TaLibInputs in, Blackhole bh) {
        in.out = new double[in.out.length][in.candles];
        in.advance();
        bh.consume(in.run());
        bh.consume(in.out);
    }

    @Benchmark
    public void ta4j(Ta4jInputs in, Blackhole bh) {
        List<Indicator<Num>> outputs = in.build();
        int end = in.series.getEndIndex();
        for (int i = in.series.getBeginIndex(); i <= end; i++) {
            for (Indicator<Num> output : outputs) {
                bh.consume(output.getValue(i));
            }
        }
    }

    /** Our kernels take the columns and canonical params, as {@code IndicatorSeries.compute} does. */
    @State(Scope.Benchmark)
    public static class OurInputs {
        @Param({"sma", "ema", "wma", "dema", "tema", "trima", "kama", "rsi", "macd", "bbands", "atr", "natr",
                "adx", "cci", "willr", "mfi", "stoch", "roc", "mom", "obv", "aroon", "aroonosc", "midpoint",
                "midprice", "stochf", "stochrsi"})
        public String indicator;
        @Param({"10000", "1000000"})
        public int candles;
        /** {@code same} or {@code rotating}: see the class comment. */
        @Param({"same"})
        public String inputs;

        IndicatorType type;
        IndicatorParams params;
        private CandleColumns[] series;
        private int next;

        @Setup
        public void setUp() {
            type = Inputs.type(indicator);
            params = Inputs.defaults(type);
            series = Inputs.series(inputs, candles);
        }

        CandleColumns next() {
            CandleColumns columns = series[next];
            next = next + 1 == series.length ? 0 : next + 1;
            return columns;
        }
    }

    /** TA-Lib's calls with the parameters our kernels default to, as {@code TaLibOracle} makes them. */
    @State(Scope.Benchmark)
    public static class TaLibInputs {
        @Param({"sma", "ema", "wma", "dema", "tema", "trima", "kama", "rsi", "macd", "bbands", "atr", "natr",
                "adx", "cci", "willr", "mfi", "stoch", "roc", "mom", "obv", "aroon", "aroonosc", "midpoint",
                "midprice", "stochf", "stochrsi"})
        public String indicator;
        @Param({"10000", "1000000"})
        public int candles;
        /** {@code same} or {@code rotating}: see the class comment. */
        @Param({"same"})
        public String inputs;

        private final Core core = new Core();
        private final MInteger begin = new MInteger();
        private final MInteger count = new MInteger();
        private IndicatorType type;
        private IndicatorParams p;
        private CandleColumns columns;
        private double[] in;
        private CandleColumns[] series;
        private int next;
        double[][] out;

        @Setup
        public void setUp() {
            type = Inputs.type(indicator);
            p = Inputs.defaults(type);
            series = Inputs.series(inputs, candles);
            out = new double[type.outputs().size()][candles];
            advance();
            RetCode code = run();
            if (code != RetCode.Success) {
                throw new IllegalStateException("TA-Lib " + p + ": " + (code == null ? "no named call" : code));
            }
            next = 0; // start the measured calls on the same series as ours
        }

        /** Points the inputs at the next series, in the same order as {@link OurInputs#next()}. */
        void advance() {
            columns = series[next];
            next = next + 1 == series.length ? 0 : next + 1;
            in = type.usesSource() ? p.source().select(columns) : null;
        }

        RetCode run() {
            return TaLibOracle.namedCall(core, p, columns, in, begin, count, out);
        }
    }

    /**
     * ta4j's indicators with the same parameters. The bar series is built once, as a ta4j user
     * keeps one; the indicators are built per invocation because ta4j caches computed values
     * inside them, and a reused one would return its cache.
     */
    @State(Scope.Benchmark)
    public static class Ta4jInputs {
        /**
         * ta4j 0.17's StochasticOscillatorKIndicator and WilliamsRIndicator build a new
         * Highest/LowestValueIndicator at every index, whose cache is then padded out to that index:
         * O(n^2) time and garbage, about 2 s for 40,000 candles and so tens of minutes for a million.
         */
        static final Set<String> QUADRATIC = Set.of("stoch", "willr");
        static final int QUADRATIC_LIMIT = 100_000;

        /**
         * Everything but TRIMA, NATR and MOM, which ta4j 0.17 lacks, and the window studies taken over
         * from TA-Lib in issue 17 (AROON to STOCHRSI), compared with TA-Lib only.
         */
        @Param({"sma", "ema", "wma", "dema", "tema", "kama", "rsi", "macd", "bbands", "atr",
                "adx", "cci", "willr", "mfi", "stoch", "roc", "obv"})
        public String indicator;
        @Param({"10000", "1000000"})
        public int candles;

        private IndicatorType type;
        private IndicatorParams p;
        BarSeries series;

        @Setup
        public void setUp() {
            if (QUADRATIC.contains(indicator) && candles > QUADRATIC_LIMIT) {
                // JMH has no way to skip one parameter combination: failing here reports it and moves on.
                throw new UnsupportedOperationException("ta4j 0.17's " + indicator + " is quadratic in the series"
                        + " length; not run above " + QUADRATIC_LIMIT + " candles (expected, see bench/README.md)");
            }
            type = Inputs.type(indicator);
            p = Inputs.defaults(type);
            CandleColumns columns = Inputs.candles(candles);
            series = new BaseBarSeriesBuilder().withName(Inputs.SYMBOL).withNumTypeOf(DoubleNum.class).build();
            Duration period = Duration.ofMinutes(1);
            for (int i = 0; i < columns.size(); i++) {
                // ta4j stamps a bar with its end time; ours are open times.
                ZonedDateTime close = Instant.ofEpochSecond(columns.t()[i]).plus(period).atZone(ZoneOffset.UTC);
                series.addBar(period, close, series.numOf(columns.o()[i]), series.numOf(columns.h()[i]),
                        series.numOf(columns.l()[i]), series.numOf(columns.c()[i]), series.numOf(columns.v()[i]));
            }
            build();
        }

        /** The indicator's output series, freshly built and so uncomputed. */
        List<Indicator<Num>> build() {
            ClosePriceIndicator close = new ClosePriceIndicator(series);
            int period = p.values().length > 0 ? (int) p.values()[0] : 0; // OBV has no parameters
            return switch (type.code()) {
                case "sma" -> List.of(new SMAIndicator(close, period));
                case "ema" -> List.of(new EMAIndicator(close, period));
                case "wma" -> List.of(new WMAIndicator(close, period));
                case "dema" -> List.of(new DoubleEMAIndicator(close, period));
                case "tema" -> List.of(new TripleEMAIndicator(close, period));
                // TA-Lib's KAMA: efficiency ratio over the period, fastest 2 and slowest 30 bars.
                case "kama" -> List.of(new KAMAIndicator(close, period, 2, 30));
                case "rsi" -> List.of(new RSIIndicator(close, period));
                case "macd" -> {
                    MACDIndicator macd = new MACDIndicator(close, p.intValue("fast"), p.intValue("slow"));
                    EMAIndicator signal = macd.getSignalLine(p.intValue("signal"));
                    yield List.of(macd, signal, NumericIndicator.of(macd).minus(signal));
                }
                case "bbands" -> {
                    BollingerBandsMiddleIndicator middle = new BollingerBandsMiddleIndicator(new SMAIndicator(close, period));
                    StandardDeviationIndicator deviation = new StandardDeviationIndicator(close, period);
                    Num k = series.numOf(p.value("stddev"));
                    yield List.of(new BollingerBandsUpperIndicator(middle, deviation, k), middle,
                            new BollingerBandsLowerIndicator(middle, deviation, k));
                }
                case "atr" -> List.of(new ATRIndicator(series, period));
                case "adx" -> List.of(new ADXIndicator(series, period));
                case "cci" -> List.of(new CCIIndicator(series, period));
                case "willr" -> List.of(new WilliamsRIndicator(series, period));
                case "mfi" -> List.of(new MoneyFlowIndexIndicator(series, period));
                case "stoch" -> {
                    // TA-Lib's slow stochastic: SMA-smoothed fast %K, then an SMA of that.
                    SMAIndicator k = new SMAIndicator(new StochasticOscillatorKIndicator(series, p.intValue("fastk")),
                            p.intValue("slowk"));
                    yield List.of(k, new SMAIndicator(k, p.intValue("slowd")));
                }
                case "roc" -> List.of(new ROCIndicator(close, period));
                case "obv" -> List.of(new OnBalanceVolumeIndicator(series));
                default -> throw new IllegalArgumentException("ta4j 0.17 has no " + indicator);
            };
        }
    }
}
