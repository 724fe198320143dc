package com.chartfeed.indicators;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.indicators.kernels.Adx;
import com.chartfeed.indicators.kernels.Atr;
import com.chartfeed.indicators.kernels.Bbands;
import com.chartfeed.indicators.kernels.Cci;
import com.chartfeed.indicators.kernels.Dema;
import com.chartfeed.indicators.kernels.Ema;
import com.chartfeed.indicators.kernels.Kama;
import com.chartfeed.indicators.kernels.Macd;
import com.chartfeed.indicators.kernels.Mfi;
import com.chartfeed.indicators.kernels.Mom;
import com.chartfeed.indicators.kernels.Natr;
import com.chartfeed.indicators.kernels.Obv;
import com.chartfeed.indicators.kernels.Roc;
import com.chartfeed.indicators.kernels.Rsi;
import com.chartfeed.indicators.kernels.Sma;
import com.chartfeed.indicators.kernels.Stoch;
import com.chartfeed.indicators.kernels.Tema;
import com.chartfeed.indicators.kernels.Trima;
import com.chartfeed.indicators.kernels.Vwap;
import com.chartfeed.indicators.kernels.Willr;
import com.chartfeed.indicators.kernels.Wma;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * The indicators of the public API: their parameters (TA-Lib's defaults), their output series and
 * which kernel computes them. Adding an indicator means adding a constant here and a kernel.
 */
public enum IndicatorType {
    SMA(periods(30, 2), List.of("value"), true, p -> Sma.lookback(p.intValue(0)),
            (c, p) -> one(Sma.compute(p.source().select(c), p.intValue(0)))),
    EMA(periods(30, 2), List.of("value"), true, p -> Ema.lookback(p.intValue(0)),
            (c, p) -> one(Ema.compute(p.source().select(c), p.intValue(0)))),
    WMA(periods(30, 2), List.of("value"), true, p -> Wma.lookback(p.intValue(0)),
            (c, p) -> one(Wma.compute(p.source().select(c), p.intValue(0)))),
    DEMA(periods(30, 2), List.of("value"), true, p -> Dema.lookback(p.intValue(0)),
            (c, p) -> one(Dema.compute(p.source().select(c), p.intValue(0)))),
    TEMA(periods(30, 2), List.of("value"), true, p -> Tema.lookback(p.intValue(0)),
            (c, p) -> one(Tema.compute(p.source().select(c), p.intValue(0)))),
    TRIMA(periods(30, 2), List.of("value"), true, p -> Trima.lookback(p.intValue(0)),
            (c, p) -> one(Trima.compute(p.source().select(c), p.intValue(0)))),
    KAMA(periods(30, 2), List.of("value"), true, p -> Kama.lookback(p.intValue(0)),
            (c, p) -> one(Kama.compute(p.source().select(c), p.intValue(0)))),
    RSI(periods(14, 2), List.of("value"), true, p -> Rsi.lookback(p.intValue(0)),
            (c, p) -> one(Rsi.compute(p.source().select(c), p.intValue(0)))),
    MACD(List.of(ParamSpec.period("fast", 12, 2), ParamSpec.period("slow", 26, 2), ParamSpec.period("signal", 9, 2)),
            List.of("macd", "signal", "hist"), true,
            p -> Macd.lookback(p.intValue(0), p.intValue(1), p.intValue(2)),
            (c, p) -> Macd.compute(p.source().select(c), p.intValue(0), p.intValue(1), p.intValue(2))),
    BBANDS(List.of(ParamSpec.period("period", 5, 2), ParamSpec.real("stddev", 2, 0.01, 100)),
            List.of("upper", "middle", "lower"), true, p -> Bbands.lookback(p.intValue(0)),
            (c, p) -> Bbands.compute(p.source().select(c), p.intValue(0), p.value(1))),
    ATR(periods(14, 1), List.of("value"), false, p -> Atr.lookback(p.intValue(0)),
            (c, p) -> one(Atr.compute(c.h(), c.l(), c.c(), p.intValue(0)))),
    NATR(periods(14, 1), List.of("value"), false, p -> Natr.lookback(p.intValue(0)),
            (c, p) -> one(Natr.compute(c.h(), c.l(), c.c(), p.intValue(0)))),
    ADX(periods(14, 2), List.of("value"), false, p -> Adx.lookback(p.intValue(0)),
            (c, p) -> one(Adx.compute(c.h(), c.l(), c.c(), p.intValue(0)))),
    CCI(periods(14, 2), List.of("value"), false, p -> Cci.lookback(p.intValue(0)),
            (c, p) -> one(Cci.compute(c.h(), c.l(), c.c(), p.intValue(0)))),
    WILLR(periods(14, 2), List.of("value"), false, p -> Willr.lookback(p.intValue(0)),
            (c, p) -> one(Willr.compute(c.h(), c.l(), c.c(), p.intValue(0)))),
    MFI(periods(14, 2), List.of("value"), false, p -> Mfi.lookback(p.intValue(0)),
            (c, p) -> one(Mfi.compute(c.h(), c.l(), c.c(), c.v(), p.intValue(0)))),
    STOCH(List.of(ParamSpec.period("fastk", 5, 1), ParamSpec.period("slowk", 3, 1), ParamSpec.period("slowd", 3, 1)),
            List.of("k", "d"), false, p -> Stoch.lookback(p.intValue(0), p.intValue(1), p.intValue(2)),
            (c, p) -> Stoch.compute(c.h(), c.l(), c.c(), p.intValue(0), p.intValue(1), p.intValue(2))),
    ROC(periods(10, 1), List.of("value"), true, p -> Roc.lookback(p.intValue(0)),
            (c, p) -> one(Roc.compute(p.source().select(c), p.intValue(0)))),
    MOM(periods(10, 1), List.of("value"), true, p -> Mom.lookback(p.intValue(0)),
            (c, p) -> one(Mom.compute(p.source().select(c), p.intValue(0)))),
    OBV(List.of(), List.of("value"), true, p -> Obv.lookback(),
            (c, p) -> one(Obv.compute(p.source().select(c), c.v()))),
    /** Anchored to the UTC day ("session"); no TA-Lib equivalent. */
    VWAP(List.of(), List.of("value"), false, p -> Vwap.lookback(),
            (c, p) -> one(Vwap.compute(c.t(), c.h(), c.l(), c.c(), c.v())));

    private static final Map<String, IndicatorType> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(IndicatorType::code, type -> type));

    private final String code;
    private final List<ParamSpec> params;
    private final List<String> outputs;
    private final boolean usesSource;
    private final ToIntFunction<IndicatorParams> lookback;
    private final Kernel kernel;

    IndicatorType(List<ParamSpec> params, List<String> outputs, boolean usesSource,
                  ToIntFunction<IndicatorParams> lookback, Kernel kernel) {
        this.code = name().toLowerCase(Locale.ROOT);
        this.params = params;
        this.outputs = outputs;
        this.usesSource = usesSource;
        this.lookback = lookback;
        this.kernel = kernel;
    }

    /** The API name, e.g. {@code macd}. */
    public String code() {
        return code;
    }

    public static Optional<IndicatorType> fromCode(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }

    public List<ParamSpec> params() {
        return params;
    }

    /** Names of the output series, in the kernel's order. */
    public List<String> outputs() {
        return outputs;
    }

    /** Whether it runs over one price series chosen by {@code source}. */
    public boolean usesSource() {
        return usesSource;
    }

    /** How many leading candles produce no value. */
    public int lookback(IndicatorParams p) {
        return lookback.applyAsInt(p);
    }

    /** Runs the kernel over the whole history: one column per output, NaN during the warm-up. */
    public double[][] compute(CandleColumns candles, IndicatorParams p) {
        return kernel.compute(candles, p);
    }

    private static List<ParamSpec> periods(int defaultValue, int min) {
        return List.of(ParamSpec.period("period", defaultValue, min));
    }

    private static double[][] one(double[] column) {
        return new double[][] {column};
    }

    @FunctionalInterface
    private interface Kernel {
        double[][] compute(CandleColumns candles, IndicatorParams params);
    }
}
