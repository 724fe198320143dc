package com.chartfeed.indicators;

import com.tictactec.ta.lib.meta.CoreMetaData;
import com.tictactec.ta.lib.meta.annotation.FuncFlags;
import com.tictactec.ta.lib.meta.annotation.FuncInfo;
import com.tictactec.ta.lib.meta.annotation.IntegerList;
import com.tictactec.ta.lib.meta.annotation.IntegerRange;
import com.tictactec.ta.lib.meta.annotation.OptInputParameterInfo;
import com.tictactec.ta.lib.meta.annotation.OutputFlags;
import com.tictactec.ta.lib.meta.annotation.RealRange;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static java.util.Map.entry;

/**
 * Every study the API serves, built once from TA-Lib's own metadata ({@link CoreMetaData}): the
 * chart groups' functions, each either one of our kernels ({@link IndicatorType}'s constants) or
 * TA-Lib's function itself, plus ours that TA-Lib lacks. The single source of names, parameters,
 * bounds, outputs and placement for the parser, the kernels' dispatch and {@code GET /v1/indicators}.
 */
public final class Catalogue {
    /** TA-Lib's groups that are studies a chart shows, in menu order. Math Operators/Transform are arithmetic. */
    public static final List<String> GROUPS = List.of("Overlap Studies", "Momentum Indicators", "Volume Indicators",
            "Volatility Indicators", "Cycle Indicators", "Price Transform", "Statistic Functions",
            "Pattern Recognition");
    /**
     * Left out: MAVP takes a series of periods; BETA and CORREL compare two series, which needs a
     * second symbol per request (not offered yet).
     */
    public static final Set<String> LEFT_OUT = Set.of("MAVP", "BETA", "CORREL");
    /** Real parameters stay within the bound of stored prices, so every output stays finite. */
    static final double REAL_LIMIT = 1e12;
    /** TA-Lib functions whose cost grows with n·period (a regression per point). */
    private static final Set<String> WINDOW_COST = Set.of("LINEARREG", "LINEARREG_ANGLE", "LINEARREG_INTERCEPT",
            "LINEARREG_SLOPE", "TSF");
    /** TA-Lib functions whose cost per candle is high whatever the parameters (see {@link IndicatorType#HT_HISTORY_MAX}). */
    private static final Set<String> COSTLY_PER_CANDLE = Set.of("HT_DCPHASE", "HT_SINE", "HT_TRENDMODE");
    /** Series names where stripping TA-Lib's {@code out} prefix would not do. */
    private static final Map<String, String> SERIES_NAMES = Map.of("outReal", "value", "outInteger", "value",
            "outMACDSignal", "signal", "outMACDHist", "hist", "outRealUpperBand", "upper",
            "outRealMiddleBand", "middle", "outRealLowerBand", "lower");
    private static final Properties TITLES = titles();
    /**
     * What the catalogue says about a TA-Lib function it serves as is, beyond TA-Lib's metadata: how it is
     * drawn, the notes on its definition and whether a live patch reruns its window ({@link Extension#WINDOW}),
     * by TA-Lib name (ours say theirs in {@link IndicatorType}).
     * Levels are the ones chart packages and trading texts draw by default; a study without a convention has none.
     */
    private static final Map<String, UnaryOperator<IndicatorType.Builder>> EXTRAS = Map.ofEntries(
            entry("SAR", s -> s.dots("value").notes("Carries its trend, extreme point and acceleration from the first"
                    + " candles on, so its values depend on where the history starts until both histories share a"
                    + " reversal.", IndicatorType.WILDER)),
            entry("SAREXT", s -> s.dots("value").abs("value").notes("The parabolic SAR with separate long and short"
                    + " accelerations; a short position's stop is given as a negative value (TA-Lib's convention).",
                    IndicatorType.WILDER)),
            entry("MACDEXT", s -> s.style("hist", Drawing.Style.HISTOGRAM).levels(0).notes("MACD with a moving"
                    + " average of the kind asked for each line, sma for all three by default (TA-Lib's), not MACD's"
                    + " EMAs. " + IndicatorType.MA_KINDS)),
            entry("MACDFIX", s -> s.style("hist", Drawing.Style.HISTOGRAM).levels(0)),
            entry("MA", s -> s.notes("A moving average of the kind matype, sma by default. " + IndicatorType.MA_KINDS)),
            entry("APO", s -> s.levels(0).notes("The fast minus the slow moving average of the kind matype, sma by"
                    + " default (TA-Lib's). " + IndicatorType.MA_KINDS)),
            entry("PPO", s -> s.levels(0).notes("100 × (fast - slow) / slow moving average of the kind matype, sma"
                    + " by default (TA-Lib's). " + IndicatorType.MA_KINDS)),
            entry("TRIX", s -> s.levels(0).notes("The one-candle rate of change, in percent, of a triple EMA of the"
                    + " source, on TA-Lib's SMA-seeded EMA (see ema).", "Jack Hutson")),
            entry("CMO", s -> s.levels(-50, 50).notes("TA-Lib smooths gains and losses with Wilder's method as RSI"
                    + " does, so cmo = 2 × rsi - 100 and depends on where the history starts; TradingView's ta.cmo"
                    + " sums the last period changes plainly.", "Tushar Chande")),
            entry("AD", s -> s.notes("A running total of the money flow volume from the first candle: its level"
                    + " depends on where the history starts, only its changes compare.", "Marc Chaikin")),
            entry("ULTOSC", s -> s.levels(30, 70)),
            entry("ADXR", s -> s.levels(25)), // Wilder's threshold of a trending market
            entry("BOP", s -> s.levels(0)),
            // a ratio or difference to the candle period back
            entry("ROCP", s -> s.levels(0).window()),
            entry("ROCR", s -> s.levels(1).window()),
            entry("ROCR100", s -> s.levels(100).window()),
            entry("ADOSC", s -> s.levels(0)),
            // 1 (trend) or 0 (cycle): a state read best as columns
            entry("HT_TRENDMODE", s -> s.style("value", Drawing.Style.HISTOGRAM)),
            // price transforms of one candle
            entry("AVGPRICE", IndicatorType.Builder::window),
            entry("MEDPRICE", IndicatorType.Builder::window),
            entry("TYPPRICE", IndicatorType.Builder::window),
            entry("WCLPRICE", IndicatorType.Builder::window),
            // a regression summed afresh over each window
            entry("LINEARREG", IndicatorType.Builder::window),
            entry("LINEARREG_ANGLE", IndicatorType.Builder::window),
            entry("LINEARREG_INTERCEPT", IndicatorType.Builder::window),
            entry("LINEARREG_SLOPE", IndicatorType.Builder::window),
            entry("TSF", IndicatorType.Builder::window));

    private Catalogue() {
    }

    /** Every study, by group (in {@link #GROUPS} order), then name. */
    public static List<IndicatorType> all() {
        return Holder.ALL;
    }

    public static Optional<IndicatorType> find(String code) {
        return Optional.ofNullable(code == null ? null : Holder.BY_CODE.get(code));
    }

    /**
     * The API name of a TA-Lib optional input: {@code optInTimePeriod} → {@code period},
     * {@code optInFastPeriod} → {@code fast}, {@code optInFastK_Period} → {@code fastk},
     * {@code optInNbDevUp} → {@code stddevup}, {@code optInSlowK_MAType} → {@code slowkmatype},
     * anything else lower-cased without {@code optIn} and underscores.
     */
    public static String paramName(String talibName) {
        String name = talibName.startsWith("optIn") ? talibName.substring(5) : talibName;
        if (name.startsWith("TimePeriod")) {
            name = "period" + name.substring("TimePeriod".length());
        } else if (name.startsWith("NbDev")) {
            name = "stddev" + name.substring("NbDev".length());
        } else if (name.endsWith("Period")) {
            name = name.substring(0, name.length() - "Period".length());
        }
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** The name of a TA-Lib output: {@code outReal} → {@code value}, {@code outAroonUp} → {@code aroonup}. */
    public static String seriesName(String talibName) {
        String known = SERIES_NAMES.get(talibName);
        return known != null ? known : talibName.substring(3).toLowerCase(Locale.ROOT);
    }

    static String title(String talibName) {
        String title = TITLES.getProperty(talibName);
        if (title == null) {
            throw new IllegalStateException("no title for TA-Lib's " + talibName);
        }
        return title;
    }

    static IndicatorType.Placement placement(TaLibFunction function) {
        return (function.info().flags() & FuncFlags.TA_FUNC_FLG_OVERLAP) != 0 ? IndicatorType.Placement.OVERLAY
                : IndicatorType.Placement.PANE;
    }

    private static List<IndicatorType> build() {
        Map<String, IndicatorType> own = IndicatorType.OWN.stream().filter(type -> type.talib() != null)
                .collect(Collectors.toMap(IndicatorType::talib, Function.identity()));
        List<IndicatorType> all = new ArrayList<>();
        for (String name : TaLibFunction.names()) {
            TaLibFunction function = TaLibFunction.named(name);
            if (!GROUPS.contains(function.info().group()) || LEFT_OUT.contains(name)) {
                continue;
            }
            all.add(own.containsKey(name) ? own.get(name) : study(name, function));
        }
        for (String name : EXTRAS.keySet()) {
            if (own.containsKey(name) || all.stream().noneMatch(type -> name.equals(type.talib()))) {
                throw new IllegalStateException("Catalogue.EXTRAS names " + name
                        + ", which is no TA-Lib function the catalogue serves as is");
            }
        }
        IndicatorType.OWN.stream().filter(type -> type.talib() == null).forEach(all::add);
        all.sort(Comparator.comparingInt((IndicatorType type) -> GROUPS.indexOf(type.group()))
                .thenComparing(IndicatorType::code));
        return List.copyOf(all);
    }

    /** A study that runs on TA-Lib's function itself, described by its metadata and {@link #EXTRAS}. */
    private static IndicatorType study(String name, TaLibFunction function) {
        CoreMetaData meta = metaData(name);
        FuncInfo info = function.info();
        int periodMax = WINDOW_COST.contains(name) ? IndicatorType.WINDOW_PERIOD_MAX : IndicatorType.PERIOD_MAX;
        IndicatorType.Builder study = IndicatorType.Builder.fromTaLib(name);
        for (int i = 0; i < info.nbOptInput(); i++) {
            OptInputParameterInfo option = meta.getOptInputParameterInfo(i);
            String param = paramName(option.paramName());
            study.param(switch (option.type()) {
                case TA_OptInput_IntegerRange -> {
                    IntegerRange range = meta.getOptInputIntegerRange(i);
                    yield ParamSpec.period(param, range.defaultValue(), range.min(), Math.min(range.max(), periodMax));
                }
                case TA_OptInput_IntegerList -> {
                    IntegerList list = meta.getOptInputIntegerList(i);
                    yield ParamSpec.maType(param, list.defaultValue());
                }
                case TA_OptInput_RealRange -> {
                    RealRange range = meta.getOptInputRealRange(i);
                    yield ParamSpec.real(param, range.defaultValue(), Math.max(range.min(), -REAL_LIMIT),
                            Math.min(range.max(), REAL_LIMIT));
                }
                case TA_OptInput_RealList -> throw new IllegalStateException(name + " takes a list of reals");
            });
        }
        List<String> outputs = new ArrayList<>();
        boolean allHistograms = true;
        for (int i = 0; i < info.nbOutput(); i++) {
            outputs.add(seriesName(meta.getOutputParameterInfo(i).paramName()));
            allHistograms &= (meta.getOutputParameterInfo(i).flags() & OutputFlags.TA_OUT_HISTO) != 0;
        }
        boolean usesSource = function.takesSource();
        study.outputs(outputs).source(usesSource)
                .kind(info.group().equals("Pattern Recognition") ? IndicatorType.Kind.PATTERN
                        : allHistograms ? IndicatorType.Kind.HISTOGRAM : IndicatorType.Kind.LINE)
                .computes(p -> function.lookback(p.values()),
                        (c, p) -> function.compute(c, usesSource ? p.source().select(c) : null, p.values()));
        if (COSTLY_PER_CANDLE.contains(name)) {
            study.historyMax(IndicatorType.HT_HISTORY_MAX);
        }
        return EXTRAS.getOrDefault(name, UnaryOperator.identity()).apply(study).build();
    }

    private static CoreMetaData metaData(String name) {
        try {
            return CoreMetaData.getInstance(name);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("TA-Lib's metadata lacks " + name, e);
        }
    }

    private static Properties titles() {
        Properties titles = new Properties();
        try (InputStream in = Catalogue.class.getResourceAsStream("talib-titles.properties")) {
            titles.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return titles;
    }

    /** Built on first use, after {@link IndicatorType}'s own constants exist. */
    private static final class Holder {
        static final List<IndicatorType> ALL = build();
        static final Map<String, IndicatorType> BY_CODE = ALL.stream()
                .collect(Collectors.toUnmodifiableMap(IndicatorType::code, Function.identity()));
    }
}
