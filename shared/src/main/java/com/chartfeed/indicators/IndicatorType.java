package com.chartfeed.indicators;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.indicators.kernels.Adx;
import com.chartfeed.indicators.kernels.Aroon;
import com.chartfeed.indicators.kernels.Atr;
import com.chartfeed.indicators.kernels.Bbands;
import com.chartfeed.indicators.kernels.Cci;
import com.chartfeed.indicators.kernels.Dema;
import com.chartfeed.indicators.kernels.Donchian;
import com.chartfeed.indicators.kernels.Ema;
import com.chartfeed.indicators.kernels.HullMa;
import com.chartfeed.indicators.kernels.Ichimoku;
import com.chartfeed.indicators.kernels.Kama;
import com.chartfeed.indicators.kernels.Keltner;
import com.chartfeed.indicators.kernels.Macd;
import com.chartfeed.indicators.kernels.Mfi;
import com.chartfeed.indicators.kernels.MidPoint;
import com.chartfeed.indicators.kernels.Mom;
import com.chartfeed.indicators.kernels.Natr;
import com.chartfeed.indicators.kernels.Obv;
import com.chartfeed.indicators.kernels.Roc;
import com.chartfeed.indicators.kernels.Rsi;
import com.chartfeed.indicators.kernels.Sma;
import com.chartfeed.indicators.kernels.Stoch;
import com.chartfeed.indicators.kernels.Supertrend;
import com.chartfeed.indicators.kernels.Tema;
import com.chartfeed.indicators.kernels.Trima;
import com.chartfeed.indicators.kernels.Vwap;
import com.chartfeed.indicators.kernels.Vwma;
import com.chartfeed.indicators.kernels.Willr;
import com.chartfeed.indicators.kernels.Wma;
import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * One study of the public API: its name, what the catalogue says about it (title, group, the
 * TA-Lib function it equals, inputs, parameters with their bounds, output series, placement,
 * kind, unstable flag) and the kernel that computes it. The constants below run our own kernels
 * (faster than TA-Lib's, bit-identical); {@link Catalogue} adds every other TA-Lib study, which
 * runs on TA-Lib itself.
 */
public final class IndicatorType {
    /** The largest period any study takes: O(n) kernels over 100,000 candles stay far below the cost bound. */
    public static final int PERIOD_MAX = 10_000;
    /**
     * The largest period of the studies whose cost grows with n·period (CCI's mean deviation, the
     * regressions of LINEARREG and TSF, VWMA's sums): chosen so their worst case over 100,000 candles
     * stays under the cost bound (docs/benchmarks.md). The window extremes (WILLR, STOCH, STOCHF, STOCHRSI,
     * AROON, AROONOSC, MIDPOINT, MIDPRICE, DONCHIAN, ICHIMOKU) are O(n) whatever the period, on a
     * monotonic deque ({@code kernels.SlidingExtreme}), so they take {@link #PERIOD_MAX}.
     */
    public static final int WINDOW_PERIOD_MAX = 200;
    /**
     * The longest history HT_DCPHASE, HT_SINE and HT_TRENDMODE compute over: they take a sine and a
     * cosine per candle and per bar of the dominant cycle (up to 50), about 4 µs a candle on this
     * machine under load (docs/benchmarks.md), whatever the parameters.
     */
    public static final int HT_HISTORY_MAX = 50_000;

    public static final IndicatorType SMA = own("SMA", periods(30, 2), List.of("value"), true,
            p -> Sma.lookback(p.intValue(0)), (c, p) -> one(Sma.compute(p.source().select(c), p.intValue(0))));
    public static final IndicatorType EMA = own("EMA", periods(30, 2), List.of("value"), true,
            p -> Ema.lookback(p.intValue(0)), (c, p) -> one(Ema.compute(p.source().select(c), p.intValue(0))));
    public static final IndicatorType WMA = own("WMA", periods(30, 2), List.of("value"), true,
            p -> Wma.lookback(p.intValue(0)), (c, p) -> one(Wma.compute(p.source().select(c), p.intValue(0))));
    public static final IndicatorType DEMA = own("DEMA", periods(30, 2), List.of("value"), true,
            p -> Dema.lookback(p.intValue(0)), (c, p) -> one(Dema.compute(p.source().select(c), p.intValue(0))));
    public static final IndicatorType TEMA = own("TEMA", periods(30, 2), List.of("value"), true,
            p -> Tema.lookback(p.intValue(0)), (c, p) -> one(Tema.compute(p.source().select(c), p.intValue(0))));
    public static final IndicatorType TRIMA = own("TRIMA", periods(30, 2), List.of("value"), true,
            p -> Trima.lookback(p.intValue(0)), (c, p) -> one(Trima.compute(p.source().select(c), p.intValue(0))));
    public static final IndicatorType KAMA = own("KAMA", periods(30, 2), List.of("value"), true,
            p -> Kama.lookback(p.intValue(0)), (c, p) -> one(Kama.compute(p.source().select(c), p.intValue(0))));
    public static final IndicatorType RSI = own("RSI", periods(14, 2), List.of("value"), true,
            p -> Rsi.lookback(p.intValue(0)), (c, p) -> one(Rsi.compute(p.source().select(c), p.intValue(0))));
    /** MACD needs {@code fast < slow} (see {@link #check}). */
    public static final IndicatorType MACD = own("MACD",
            List.of(period("fast", 12, 2), period("slow", 26, 2), period("signal", 9, 2)),
            List.of("macd", "signal", "hist"), true,
            p -> Macd.lookback(p.intValue(0), p.intValue(1), p.intValue(2)),
            (c, p) -> Macd.compute(p.source().select(c), p.intValue(0), p.intValue(1), p.intValue(2)));
    public static final IndicatorType BBANDS = own("BBANDS",
            List.of(period("period", 5, 2), ParamSpec.real("stddev", 2, 0.01, 100)),
            List.of("upper", "middle", "lower"), true, p -> Bbands.lookback(p.intValue(0)),
            (c, p) -> Bbands.compute(p.source().select(c), p.intValue(0), p.value(1)));
    public static final IndicatorType ATR = own("ATR", periods(14, 1), List.of("value"), false,
            p -> Atr.lookback(p.intValue(0)), (c, p) -> one(Atr.compute(c.h(), c.l(), c.c(), p.intValue(0))));
    public static final IndicatorType NATR = own("NATR", periods(14, 1), List.of("value"), false,
            p -> Natr.lookback(p.intValue(0)), (c, p) -> one(Natr.compute(c.h(), c.l(), c.c(), p.intValue(0))));
    public static final IndicatorType ADX = own("ADX", periods(14, 2), List.of("value"), false,
            p -> Adx.lookback(p.intValue(0)), (c, p) -> one(Adx.compute(c.h(), c.l(), c.c(), p.intValue(0))));
    public static final IndicatorType CCI = own("CCI", windowPeriods(14, 2), List.of("value"), false,
            p -> Cci.lookback(p.intValue(0)), (c, p) -> one(Cci.compute(c.h(), c.l(), c.c(), p.intValue(0))));
    public static final IndicatorType WILLR = own("WILLR", periods(14, 2), List.of("value"), false,
            p -> Willr.lookback(p.intValue(0)), (c, p) -> one(Willr.compute(c.h(), c.l(), c.c(), p.intValue(0))));
    public static final IndicatorType MFI = own("MFI", periods(14, 2), List.of("value"), false,
            p -> Mfi.lookback(p.intValue(0)),
            (c, p) -> one(Mfi.compute(c.h(), c.l(), c.c(), c.v(), p.intValue(0))));
    public static final IndicatorType STOCH = own("STOCH",
            List.of(period("fastk", 5, 1), period("slowk", 3, 1), period("slowd", 3, 1)),
            List.of("k", "d"), false, p -> Stoch.lookback(p.intValue(0), p.intValue(1), p.intValue(2)),
            (c, p) -> Stoch.compute(c.h(), c.l(), c.c(), p.intValue(0), p.intValue(1), p.intValue(2)));
    public static final IndicatorType ROC = own("ROC", periods(10, 1), List.of("value"), true,
            p -> Roc.lookback(p.intValue(0)), (c, p) -> one(Roc.compute(p.source().select(c), p.intValue(0))));
    public static final IndicatorType MOM = own("MOM", periods(10, 1), List.of("value"), true,
            p -> Mom.lookback(p.intValue(0)), (c, p) -> one(Mom.compute(p.source().select(c), p.intValue(0))));
    public static final IndicatorType OBV = own("OBV", List.of(), List.of("value"), true,
            p -> Obv.lookback(), (c, p) -> one(Obv.compute(p.source().select(c), c.v())));
    /**
     * Anchored to the UTC day ({@code session}, the default), the week from Monday 00:00 UTC or the UTC
     * month; no TA-Lib equivalent.
     */
    public static final IndicatorType VWAP = new IndicatorType("vwap", "Volume Weighted Average Price (anchored)",
            "Volume Indicators", null, List.of("high", "low", "close", "volume"), List.of(ParamSpec.anchor("anchor")),
            List.of("value"), false, "overlay", "line", false, p -> Vwap.lookback(),
            (c, p) -> one(Vwap.compute(c.t(), c.h(), c.l(), c.c(), c.v(), Vwap.Anchor.values()[p.intValue(0)])));

    /** Hull moving average; no TA-Lib equivalent. */
    public static final IndicatorType HMA = new IndicatorType("hma", "Hull Moving Average", "Overlap Studies", null,
            List.of("close"), List.of(period("period", 9, 4)), List.of("value"), true, "overlay", "line", false,
            p -> HullMa.lookback(p.intValue(0)), (c, p) -> one(HullMa.compute(p.source().select(c), p.intValue(0))));
    /** Volume-weighted moving average; no TA-Lib equivalent. */
    public static final IndicatorType VWMA = new IndicatorType("vwma", "Volume Weighted Moving Average",
            "Overlap Studies", null, List.of("close", "volume"), windowPeriods(20, 1), List.of("value"), true,
            "overlay", "line", false, p -> Vwma.lookback(p.intValue(0)),
            (c, p) -> one(Vwma.compute(p.source().select(c), c.v(), p.intValue(0))));
    /** Donchian channels; no TA-Lib equivalent. */
    public static final IndicatorType DONCHIAN = new IndicatorType("donchian", "Donchian Channels",
            "Volatility Indicators", null, List.of("high", "low"), periods(20, 1),
            List.of("upper", "middle", "lower"), false, "overlay", "line", false,
            p -> Donchian.lookback(p.intValue(0)), (c, p) -> Donchian.compute(c.h(), c.l(), p.intValue(0)));
    /**
     * Keltner channels (EMA of the close plus and minus a multiple of the ATR); no TA-Lib equivalent.
     * Unstable, as the EMA and the ATR it is made of.
     */
    public static final IndicatorType KELTNER = new IndicatorType("keltner", "Keltner Channels",
            "Volatility Indicators", null, List.of("high", "low", "close"),
            List.of(period("period", 20, 2), ParamSpec.real("multiplier", 2, 0.01, 100), period("atrperiod", 10, 1)),
            List.of("upper", "middle", "lower"), false, "overlay", "line", true,
            p -> Keltner.lookback(p.intValue(0), p.intValue(2)),
            (c, p) -> Keltner.compute(c.h(), c.l(), c.c(), p.intValue(0), p.value(1), p.intValue(2)));

    /**
     * Supertrend (bands around (high + low) / 2 a multiple of Wilder's ATR away, flipping on the close);
     * no TA-Lib equivalent. Unstable: the ATR's smoothing and the carried bands depend on the history before.
     */
    public static final IndicatorType SUPERTREND = new IndicatorType("supertrend", "Supertrend", "Overlap Studies",
            null, List.of("high", "low", "close"),
            List.of(period("period", 10, 1), ParamSpec.real("multiplier", 3, 0.01, 100)),
            List.of("value", "direction"), false, "overlay", "line", true,
            p -> Supertrend.lookback(p.intValue(0)),
            (c, p) -> Supertrend.compute(c.h(), c.l(), c.c(), p.intValue(0), p.value(1)));
    /**
     * Ichimoku Kinko Hyo, every series at the candle it is computed from (no displacement, see
     * {@link Ichimoku}); no TA-Lib equivalent.
     */
    public static final IndicatorType ICHIMOKU = new IndicatorType("ichimoku", "Ichimoku Kinko Hyo (Ichimoku Cloud)",
            "Overlap Studies", null, List.of("high", "low", "close"),
            List.of(period("tenkan", 9, 1), period("kijun", 26, 1), period("senkou", 52, 1)),
            List.of("tenkan", "kijun", "senkoua", "senkoub", "chikou"), false, "overlay", "line", false,
            p -> Ichimoku.lookback(p.intValue(0), p.intValue(1), p.intValue(2)),
            (c, p) -> Ichimoku.compute(c.h(), c.l(), c.c(), p.intValue(0), p.intValue(1), p.intValue(2)));
    public static final IndicatorType AROON = own("AROON", periods(14, 2), List.of("aroondown", "aroonup"), false,
            p -> Aroon.lookback(p.intValue(0)), (c, p) -> Aroon.compute(c.h(), c.l(), p.intValue(0)));
    public static final IndicatorType AROONOSC = own("AROONOSC", periods(14, 2), List.of("value"), false,
            p -> Aroon.lookback(p.intValue(0)), (c, p) -> one(Aroon.oscillator(c.h(), c.l(), p.intValue(0))));
    public static final IndicatorType MIDPOINT = own("MIDPOINT", periods(14, 2), List.of("value"), true,
            p -> MidPoint.lookback(p.intValue(0)),
            (c, p) -> one(MidPoint.compute(p.source().select(c), p.intValue(0))));
    public static final IndicatorType MIDPRICE = own("MIDPRICE", periods(14, 2), List.of("value"), false,
            p -> MidPoint.lookback(p.intValue(0)), (c, p) -> one(MidPoint.price(c.h(), c.l(), p.intValue(0))));
    /** The fast %K of our window kernel, %D by TA-Lib's moving average of the kind asked ({@link FastStochastic}). */
    public static final IndicatorType STOCHF = own("STOCHF",
            List.of(period("fastk", 5, 1), period("fastd", 3, 1), ParamSpec.maType("fastdmatype", 0)),
            List.of("fastk", "fastd"), false,
            p -> FastStochastic.stochFLookback(p.intValue(0), p.intValue(1), p.intValue(2)),
            (c, p) -> FastStochastic.stochF(c.h(), c.l(), c.c(), p.intValue(0), p.intValue(1), p.intValue(2)));
    /** STOCHF over RSI({@code period}) ({@link FastStochastic}). */
    public static final IndicatorType STOCHRSI = own("STOCHRSI",
            List.of(period("period", 14, 2), period("fastk", 5, 1), period("fastd", 3, 1),
                    ParamSpec.maType("fastdmatype", 0)),
            List.of("fastk", "fastd"), true,
            p -> FastStochastic.stochRsiLookback(p.intValue(0), p.intValue(1), p.intValue(2), p.intValue(3)),
            (c, p) -> FastStochastic.stochRsi(p.source().select(c), p.intValue(0), p.intValue(1), p.intValue(2),
                    p.intValue(3)));

    /** Our own kernels, in the order they were added; {@link Catalogue#all()} is every study. */
    static final List<IndicatorType> OWN = List.of(SMA, EMA, WMA, DEMA, TEMA, TRIMA, KAMA, RSI, MACD, BBANDS, ATR,
            NATR, ADX, CCI, WILLR, MFI, STOCH, ROC, MOM, OBV, VWAP, HMA, VWMA, DONCHIAN, KELTNER,
            SUPERTREND, ICHIMOKU, AROON, AROONOSC, MIDPOINT, MIDPRICE, STOCHF, STOCHRSI);

    private final String code;
    private final String title;
    private final String group;
    private final String talib;
    private final List<String> inputs;
    private final List<ParamSpec> params;
    private final List<String> outputs;
    private final boolean usesSource;
    private final String placement;
    private final String kind;
    private final boolean unstable;
    private final ToIntFunction<IndicatorParams> lookback;
    private final Kernel kernel;
    private final int historyMax;

    IndicatorType(String code, String title, String group, @Nullable String talib, List<String> inputs,
                  List<ParamSpec> params, List<String> outputs, boolean usesSource, String placement, String kind,
                  boolean unstable, ToIntFunction<IndicatorParams> lookback, Kernel kernel) {
        this(code, title, group, talib, inputs, params, outputs, usesSource, placement, kind, unstable, lookback, kernel,
                Integer.MAX_VALUE);
    }

    IndicatorType(String code, String title, String group, @Nullable String talib, List<String> inputs,
                  List<ParamSpec> params, List<String> outputs, boolean usesSource, String placement, String kind,
                  boolean unstable, ToIntFunction<IndicatorParams> lookback, Kernel kernel, int historyMax) {
        this.code = code;
        this.title = title;
        this.group = group;
        this.talib = talib;
        this.inputs = List.copyOf(inputs);
        this.params = List.copyOf(params);
        this.outputs = List.copyOf(outputs);
        this.usesSource = usesSource;
        this.placement = placement;
        this.kind = kind;
        this.unstable = unstable;
        this.lookback = lookback;
        this.kernel = kernel;
        this.historyMax = historyMax;
    }

    /** Every study, in catalogue order (by group, then name). */
    public static List<IndicatorType> values() {
        return Catalogue.all();
    }

    /** The API name, e.g. {@code macd}. */
    public String code() {
        return code;
    }

    public static Optional<IndicatorType> fromCode(String code) {
        return Catalogue.find(code);
    }

    /** TA-Lib's description, e.g. "Relative Strength Index". */
    public String title() {
        return title;
    }

    /** TA-Lib's group, e.g. "Momentum Indicators". */
    public String group() {
        return group;
    }

    /** The TA-Lib function this study equals (outputs in the order of {@link #outputs()}), or null. */
    public @Nullable String talib() {
        return talib;
    }

    /** The candle columns read ({@code close} stands for the {@code source} series). */
    public List<String> inputs() {
        return inputs;
    }

    public List<ParamSpec> params() {
        return params;
    }

    /** Names of the output series, in the kernel's (TA-Lib's) order. */
    public List<String> outputs() {
        return outputs;
    }

    /** Whether it runs over one price series chosen by {@code source}. */
    public boolean usesSource() {
        return usesSource;
    }

    /** {@code overlay} (drawn on the price pane) or {@code pane} (a pane of its own). */
    public String placement() {
        return placement;
    }

    /** {@code line}, {@code histogram} or {@code pattern}. */
    public String kind() {
        return kind;
    }

    /**
     * Whether a value at a candle depends on how much history precedes it, i.e. on where the history
     * starts (with the default parameters or any moving-average kind): a recursion, running total or
     * carried state from the first candle on ({@link HistoryDependence}). A stable study's value is a
     * function of the {@code lookback + 1} candles ending at the candle (VWAP's: the candles since its anchor).
     */
    public boolean unstable() {
        return unstable;
    }

    /** The longest stored history this study computes over within the cost bound of one request. */
    public int historyMax() {
        return historyMax;
    }

    /** How many leading candles produce no value. */
    public int lookback(IndicatorParams p) {
        return lookback.applyAsInt(p);
    }

    /** Runs the kernel over the whole history: one column per output, NaN during the warm-up. */
    public double[][] compute(CandleColumns candles, IndicatorParams p) {
        return kernel.compute(candles, p);
    }

    /**
     * A rule between parameters that bounds alone cannot say, or null when the values are fine:
     * the name of the offending parameter and why.
     */
    public @Nullable String[] check(double[] values) {
        if (this == MACD && values[0] >= values[1]) {
            return new String[] {"fast", "must be smaller than slow"};
        }
        return null;
    }

    @Override
    public String toString() {
        return code;
    }

    private static IndicatorType own(String talibName, List<ParamSpec> params, List<String> outputs,
                                     boolean usesSource, ToIntFunction<IndicatorParams> lookback, Kernel kernel) {
        TaLibFunction function = TaLibFunction.named(talibName);
        return new IndicatorType(talibName.toLowerCase(Locale.ROOT), Catalogue.title(talibName),
                function.info().group(), talibName, function.inputNames(), params, outputs, usesSource,
                Catalogue.placement(function), "line", Catalogue.unstable(function), lookback, kernel);
    }

    private static ParamSpec period(String name, int defaultValue, int min) {
        return ParamSpec.period(name, defaultValue, min, PERIOD_MAX);
    }

    private static List<ParamSpec> periods(int defaultValue, int min) {
        return List.of(period("period", defaultValue, min));
    }

    private static List<ParamSpec> windowPeriods(int defaultValue, int min) {
        return List.of(ParamSpec.period("period", defaultValue, min, WINDOW_PERIOD_MAX));
    }

    private static double[][] one(double[] column) {
        return new double[][] {column};
    }

    /** Computes a study's columns over the whole history. */
    @FunctionalInterface
    interface Kernel {
        double[][] compute(CandleColumns candles, IndicatorParams params);
    }
}
