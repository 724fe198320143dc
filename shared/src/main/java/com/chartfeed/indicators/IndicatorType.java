package com.chartfeed.indicators;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.indicators.kernels.Adx;
import com.chartfeed.indicators.kernels.AdxStepper;
import com.chartfeed.indicators.kernels.Aroon;
import com.chartfeed.indicators.kernels.Atr;
import com.chartfeed.indicators.kernels.AtrStepper;
import com.chartfeed.indicators.kernels.Bbands;
import com.chartfeed.indicators.kernels.BbandsStepper;
import com.chartfeed.indicators.kernels.Cci;
import com.chartfeed.indicators.kernels.Cmf;
import com.chartfeed.indicators.kernels.Dema;
import com.chartfeed.indicators.kernels.DemaStepper;
import com.chartfeed.indicators.kernels.Donchian;
import com.chartfeed.indicators.kernels.Ema;
import com.chartfeed.indicators.kernels.EmaStepper;
import com.chartfeed.indicators.kernels.HullMa;
import com.chartfeed.indicators.kernels.HullStepper;
import com.chartfeed.indicators.kernels.Ichimoku;
import com.chartfeed.indicators.kernels.Kama;
import com.chartfeed.indicators.kernels.KamaStepper;
import com.chartfeed.indicators.kernels.Keltner;
import com.chartfeed.indicators.kernels.KeltnerStepper;
import com.chartfeed.indicators.kernels.Macd;
import com.chartfeed.indicators.kernels.MacdStepper;
import com.chartfeed.indicators.kernels.Mfi;
import com.chartfeed.indicators.kernels.MfiStepper;
import com.chartfeed.indicators.kernels.MidPoint;
import com.chartfeed.indicators.kernels.Mom;
import com.chartfeed.indicators.kernels.Natr;
import com.chartfeed.indicators.kernels.Obv;
import com.chartfeed.indicators.kernels.ObvStepper;
import com.chartfeed.indicators.kernels.Roc;
import com.chartfeed.indicators.kernels.Rsi;
import com.chartfeed.indicators.kernels.RsiStepper;
import com.chartfeed.indicators.kernels.Sma;
import com.chartfeed.indicators.kernels.SmaStepper;
import com.chartfeed.indicators.kernels.Stepper;
import com.chartfeed.indicators.kernels.Stoch;
import com.chartfeed.indicators.kernels.StochStepper;
import com.chartfeed.indicators.kernels.Supertrend;
import com.chartfeed.indicators.kernels.SupertrendStepper;
import com.chartfeed.indicators.kernels.Tema;
import com.chartfeed.indicators.kernels.TemaStepper;
import com.chartfeed.indicators.kernels.Trima;
import com.chartfeed.indicators.kernels.TrimaStepper;
import com.chartfeed.indicators.kernels.Vwap;
import com.chartfeed.indicators.kernels.VwapStepper;
import com.chartfeed.indicators.kernels.Vwma;
import com.chartfeed.indicators.kernels.Willr;
import com.chartfeed.indicators.kernels.Wma;
import com.chartfeed.indicators.kernels.WmaStepper;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * One study of the public API: its name, what the catalogue says about it (title, group, the
 * TA-Lib function it equals, inputs, parameters with their bounds, output series, placement,
 * kind, unstable flag, how to draw it, the notes on its definition), the kernel that computes
 * it and how its series follows a live patch ({@link Extension}), all given in one place through a
 * {@link Builder}. The constants below run our own kernels
 * (faster than TA-Lib's, bit-identical, or studies TA-Lib lacks); {@link Catalogue} adds every
 * other TA-Lib study, built through the same builder, which runs on TA-Lib itself.
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

    static final String WILDER = "J. Welles Wilder, New Concepts in Technical Trading Systems (1978)";
    static final String MA_KINDS = "Stable with sma, wma or trima; with ema, dema, tema, kama, mama or t3 it"
            + " depends on where the history starts.";

    /** Where a chart draws a study. */
    public enum Placement {
        /** On the price pane. */
        OVERLAY,
        /** In a pane of its own. */
        PANE;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a study's series are, which sets how they are drawn by default. */
    public enum Kind {
        LINE, HISTOGRAM,
        /** A candlestick pattern: non-zero where it occurs. */
        PATTERN;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A rule between parameters broken: the parameter to name in the 400 and why. */
    public record ParamError(String field, String detail) {
    }

    /** Our studies as they are defined below, in that order; must precede them. */
    private static final List<IndicatorType> DEFINED = new ArrayList<>();

    public static final IndicatorType SMA = taLib("SMA").period(30, 2).source()
            .computesValue(p -> Sma.lookback(p.period()), (c, p) -> Sma.compute(p.source().select(c), p.period()))
            .stepper(p -> new SmaStepper(p.period()))
            .build();
    public static final IndicatorType EMA = taLib("EMA").period(30, 2).source()
            .computesValue(p -> Ema.lookback(p.period()), (c, p) -> Ema.compute(p.source().select(c), p.period()))
            .stepper(p -> new EmaStepper(p.period()))
            .notes("Seeded with the SMA of the first period values (TA-Lib), its first value at candle period - 1;"
                    + " TradingView's ta.ema starts from the first value itself, so early values differ until the"
                    + " seed's weight fades.")
            .build();
    public static final IndicatorType WMA = taLib("WMA").period(30, 2).source()
            .computesValue(p -> Wma.lookback(p.period()), (c, p) -> Wma.compute(p.source().select(c), p.period()))
            .stepper(p -> new WmaStepper(p.period()))
            .build();
    public static final IndicatorType DEMA = taLib("DEMA").period(30, 2).source()
            .computesValue(p -> Dema.lookback(p.period()), (c, p) -> Dema.compute(p.source().select(c), p.period()))
            .stepper(p -> new DemaStepper(p.period()))
            .notes("2 × EMA - EMA of the EMA, on TA-Lib's SMA-seeded EMA (see ema), so early values differ from"
                    + " versions seeded with the first value.", "Patrick Mulloy")
            .build();
    public static final IndicatorType TEMA = taLib("TEMA").period(30, 2).source()
            .computesValue(p -> Tema.lookback(p.period()), (c, p) -> Tema.compute(p.source().select(c), p.period()))
            .stepper(p -> new TemaStepper(p.period()))
            .notes("3 × EMA - 3 × EMA of the EMA + EMA of that, on TA-Lib's SMA-seeded EMA (see ema), so early"
                    + " values differ from versions seeded with the first value.", "Patrick Mulloy")
            .build();
    public static final IndicatorType TRIMA = taLib("TRIMA").period(30, 2).source()
            .computesValue(p -> Trima.lookback(p.period()), (c, p) -> Trima.compute(p.source().select(c), p.period()))
            .stepper(p -> new TrimaStepper(p.period()))
            .build();
    public static final IndicatorType KAMA = taLib("KAMA").period(30, 2).source()
            .computesValue(p -> Kama.lookback(p.period()), (c, p) -> Kama.compute(p.source().select(c), p.period()))
            .stepper(p -> new KamaStepper(p.period()))
            .build();
    public static final IndicatorType RSI = taLib("RSI").period(14, 2).source()
            .computesValue(p -> Rsi.lookback(p.period()), (c, p) -> Rsi.compute(p.source().select(c), p.period()))
            .stepper(p -> new RsiStepper(p.period()))
            .levels(30, 70)
            .notes("Wilder's smoothing (1/period) of gains and losses, seeded with their means over the first period"
                    + " changes, as TradingView's ta.rsi; versions with an EMA (2/(period + 1)) or plain sums (Cutler's"
                    + " RSI) read differently, and TA-Lib gives 0 where the price never moved.", WILDER)
            .build();
    public static final IndicatorType MACD = taLib("MACD").period("fast", 12, 2).period("slow", 26, 2)
            .period("signal", 9, 2).source().outputs("macd", "signal", "hist")
            .rule("fast", "must be smaller than slow", p -> p.value("fast") < p.value("slow"))
            .computes(p -> Macd.lookback(p.intValue("fast"), p.intValue("slow"), p.intValue("signal")),
                    (c, p) -> Macd.compute(p.source().select(c), p.intValue("fast"), p.intValue("slow"),
                            p.intValue("signal")))
            .stepper(p -> new MacdStepper(p.intValue("fast"), p.intValue("slow"), p.intValue("signal")))
            .style("hist", Drawing.Style.HISTOGRAM).levels(0)
            .notes("TA-Lib seeds the slow EMA with the SMA of the first slow values and the fast EMA with the SMA of"
                    + " the fast values ending at the same candle (slow - 1), ignoring the candles before;"
                    + " TradingView's ta.macd runs both EMAs from the first candle, so early values differ.",
                    "Gerald Appel")
            .build();
    public static final IndicatorType BBANDS = taLib("BBANDS").period(5, 2).real("stddev", 2, 0.01, 100).source()
            .outputs("upper", "middle", "lower")
            .computes(p -> Bbands.lookback(p.period()),
                    (c, p) -> Bbands.compute(p.source().select(c), p.period(), p.value("stddev")))
            .stepper(p -> new BbandsStepper(p.period(), p.value("stddev")))
            .fill("upper", "lower")
            .notes("The middle band is the SMA, the width stddev population standard deviations (divided by period),"
                    + " as TradingView's ta.bb; the sample deviation (divided by period - 1) gives wider bands. TA-Lib's"
                    + " default period is 5, TradingView's 20.", "John Bollinger")
            .build();
    public static final IndicatorType ATR = taLib("ATR").period(14, 1)
            .computesValue(p -> Atr.lookback(p.period()), (c, p) -> Atr.compute(c.h(), c.l(), c.c(), p.period()))
            .stepper(p -> new AtrStepper(p.period(), false))
            .notes("Wilder's smoothing of the true range, seeded with the mean over candles 1 to period (the first"
                    + " has no previous close), first value at candle period. TradingView's ta.atr counts the first"
                    + " candle's high - low too and starts a candle earlier, so early values differ.", WILDER)
            .build();
    public static final IndicatorType NATR = taLib("NATR").period(14, 1)
            .computesValue(p -> Natr.lookback(p.period()), (c, p) -> Natr.compute(c.h(), c.l(), c.c(), p.period()))
            .stepper(p -> new AtrStepper(p.period(), true))
            .build();
    public static final IndicatorType ADX = taLib("ADX").period(14, 2)
            .computesValue(p -> Adx.lookback(p.period()), (c, p) -> Adx.compute(c.h(), c.l(), c.c(), p.period()))
            .stepper(p -> new AdxStepper(p.period()))
            .levels(25) // Wilder's threshold of a trending market
            .notes("Wilder's: +DM, -DM and the true range smoothed as running sums seeded over the first period - 1"
                    + " moves, the first ADX the mean of the first period DX values (candle 2 × period - 1)."
                    + " TradingView's ta.dmi seeds its averages with means and takes separate DI and ADX lengths, so"
                    + " early values differ.", WILDER)
            .build();
    public static final IndicatorType CCI = taLib("CCI").windowPeriod(14, 2)
            .computesValue(p -> Cci.lookback(p.period()), (c, p) -> Cci.compute(c.h(), c.l(), c.c(), p.period()))
            // Cci sums its window in a ring whose slot for candle i is i % period: a rerun starts on slot 0
            .window(p -> p.period())
            .levels(-100, 100)
            .notes("(typical price - its SMA) / (0.015 × its mean absolute deviation) over period, the typical price"
                    + " (high + low + close) / 3, as TradingView's ta.cci on hlc3: not the standard deviation."
                    + " TA-Lib's default period is 14, TradingView's 20.", "Donald Lambert")
            .build();
    public static final IndicatorType WILLR = taLib("WILLR").period(14, 2)
            .computesValue(p -> Willr.lookback(p.period()), (c, p) -> Willr.compute(c.h(), c.l(), c.c(), p.period()))
            .window()
            .levels(-80, -20)
            .build();
    public static final IndicatorType MFI = taLib("MFI").period(14, 2)
            .computesValue(p -> Mfi.lookback(p.period()),
                    (c, p) -> Mfi.compute(c.h(), c.l(), c.c(), c.v(), p.period()))
            .stepper(p -> new MfiStepper(p.period()))
            .levels(20, 80)
            .notes("Money flow is typical price × volume, positive when the typical price rose and counted on neither"
                    + " side when unchanged; TA-Lib gives 0 whenever the window's total flow is below 1.0 (thin volume"
                    + " or tiny prices), where TradingView's ta.mfi still gives the ratio.",
                    "Gene Quong and Avrum Soudack")
            .build();
    public static final IndicatorType STOCH = taLib("STOCH").period("fastk", 5, 1).period("slowk", 3, 1)
            .period("slowd", 3, 1).outputs("k", "d")
            .computes(p -> Stoch.lookback(p.intValue("fastk"), p.intValue("slowk"), p.intValue("slowd")),
                    (c, p) -> Stoch.compute(c.h(), c.l(), c.c(), p.intValue("fastk"), p.intValue("slowk"),
                            p.intValue("slowd")))
            .stepper(p -> new StochStepper(p.intValue("fastk"), p.intValue("slowk"), p.intValue("slowd")))
            .levels(20, 80)
            .notes("The slow stochastic: fast %K = 100 × (close - lowest low) / (highest high - lowest low) over"
                    + " fastk candles, k its SMA over slowk and d the SMA of k over slowd, as TradingView's Stochastic"
                    + " (14, 3, 3) with TA-Lib's defaults 5, 3, 3. Fast %K is 0 where the range is flat.",
                    "George Lane")
            .build();
    public static final IndicatorType ROC = taLib("ROC").period(10, 1).source()
            .computesValue(p -> Roc.lookback(p.period()), (c, p) -> Roc.compute(p.source().select(c), p.period()))
            .window()
            .levels(0)
            .build();
    public static final IndicatorType MOM = taLib("MOM").period(10, 1).source()
            .computesValue(p -> Mom.lookback(p.period()), (c, p) -> Mom.compute(p.source().select(c), p.period()))
            .window()
            .levels(0)
            .build();
    public static final IndicatorType OBV = taLib("OBV").source()
            .computesValue(p -> Obv.lookback(), (c, p) -> Obv.compute(p.source().select(c), c.v()))
            .stepper(p -> new ObvStepper())
            .notes("Starts at the first candle's volume (TA-Lib) and adds or subtracts each later volume as the"
                    + " source rises or falls; TradingView's ta.obv starts at 0. A running total: its level depends on"
                    + " where the history starts, only its changes compare.", "Joseph Granville")
            .build();
    /**
     * Anchored to the UTC day ({@code session}, the default), the week from Monday 00:00 UTC or the UTC
     * month; no TA-Lib equivalent.
     */
    public static final IndicatorType VWAP = study("vwap", "Volume Weighted Average Price (anchored)",
            "Volume Indicators").inputs("high", "low", "close", "volume").anchor("anchor").placement(Placement.OVERLAY)
            .computesValue(p -> Vwap.lookback(), (c, p) -> Vwap.compute(c.t(), c.h(), c.l(), c.c(), c.v(),
                    Vwap.Anchor.values()[p.intValue("anchor")]))
            .stepper(p -> new VwapStepper(Vwap.Anchor.values()[p.intValue("anchor")]))
            .notes("The typical price (high + low + close) / 3 weighted by volume, summed from the start of the anchor"
                    + " period in UTC: the day (session), the week from Monday 00:00 or the month. TradingView's"
                    + " session VWAP starts at the exchange's session open in its own time zone, so intraday values"
                    + " differ wherever that is not 00:00 UTC.")
            .build();
    /** Hull moving average; no TA-Lib equivalent. */
    public static final IndicatorType HMA = study("hma", "Hull Moving Average", "Overlap Studies").inputs("close")
            .period(9, 4).source().placement(Placement.OVERLAY)
            .computesValue(p -> HullMa.lookback(p.period()), (c, p) -> HullMa.compute(p.source().select(c), p.period()))
            .stepper(p -> new HullStepper(p.period()))
            .notes("WMA(2 × WMA(n/2) - WMA(n), √n) with n/2 and √n truncated to whole numbers (period 9: WMA(4) and"
                    + " WMA(9), smoothed by WMA(3)); versions that round them instead (WMA(5) for period 9) draw a"
                    + " slightly different line.", "Alan Hull")
            .build();
    /** Volume-weighted moving average; no TA-Lib equivalent. */
    public static final IndicatorType VWMA = study("vwma", "Volume Weighted Moving Average", "Overlap Studies")
            .inputs("close", "volume").windowPeriod(20, 1).source().placement(Placement.OVERLAY)
            .computesValue(p -> Vwma.lookback(p.period()),
                    (c, p) -> Vwma.compute(p.source().select(c), c.v(), p.period()))
            .window()
            .notes("sum(price × volume) / sum(volume) over the last period candles; where they traded no volume at"
                    + " all, the plain mean of their prices rather than no value.")
            .build();
    /** Donchian channels; no TA-Lib equivalent. */
    public static final IndicatorType DONCHIAN = study("donchian", "Donchian Channels", "Volatility Indicators")
            .inputs("high", "low").period(20, 1).outputs("upper", "middle", "lower").placement(Placement.OVERLAY)
            .computes(p -> Donchian.lookback(p.period()), (c, p) -> Donchian.compute(c.h(), c.l(), p.period()))
            .window()
            .fill("upper", "lower")
            .notes("upper and lower are the highest high and lowest low of the last period candles including the"
                    + " current one, as TradingView's Donchian Channels; a breakout rule that compares the close with"
                    + " the channel of the candles before it needs the previous candle's values.", "Richard Donchian")
            .build();
    /**
     * Keltner channels (EMA of the close plus and minus a multiple of the ATR); no TA-Lib equivalent.
     * Unstable, as the EMA and the ATR it is made of.
     */
    public static final IndicatorType KELTNER = study("keltner", "Keltner Channels", "Volatility Indicators")
            .inputs("high", "low", "close").period(20, 2).real("multiplier", 2, 0.01, 100).period("atrperiod", 10, 1)
            .outputs("upper", "middle", "lower").placement(Placement.OVERLAY).unstable()
            .computes(p -> Keltner.lookback(p.period(), p.intValue("atrperiod")),
                    (c, p) -> Keltner.compute(c.h(), c.l(), c.c(), p.period(), p.value("multiplier"),
                            p.intValue("atrperiod")))
            .stepper(p -> new KeltnerStepper(p.period(), p.value("multiplier"), p.intValue("atrperiod")))
            .fill("upper", "lower")
            .notes("The middle is TA-Lib's EMA of the close over period, the bands multiplier times TA-Lib's"
                    + " (Wilder's) ATR over atrperiod away. TradingView's ta.kc takes an EMA of the true range over the"
                    + " same length instead, and its EMAs start from the first value, not from an SMA.",
                    "Linda Raschke's ATR form of Chester Keltner's channels")
            .build();
    /**
     * Supertrend (bands around (high + low) / 2 a multiple of Wilder's ATR away, flipping on the close);
     * no TA-Lib equivalent. Unstable: the ATR's smoothing and the carried bands depend on the history before.
     */
    public static final IndicatorType SUPERTREND = study("supertrend", "Supertrend", "Overlap Studies")
            .inputs("high", "low", "close").period(10, 1).real("multiplier", 3, 0.01, 100)
            .outputs("value", "direction").placement(Placement.OVERLAY).unstable()
            .computes(p -> Supertrend.lookback(p.period()),
                    (c, p) -> Supertrend.compute(c.h(), c.l(), c.c(), p.period(), p.value("multiplier")))
            .stepper(p -> new SupertrendStepper(p.period(), p.value("multiplier")))
            .style("direction", Drawing.Style.HIDDEN).colorBy("value", "direction")
            .notes("direction is +1 in an up trend (value is the lower band) and -1 in a down trend, the opposite"
                    + " sign of TradingView's ta.supertrend. Its ATR is TA-Lib's, whose first value comes a candle"
                    + " after TradingView's ta.atr, so roughly the first 100 to 300 values differ slightly, until the"
                    + " smoothing forgets its start.", "Olivier Seban")
            .build();
    /**
     * Ichimoku Kinko Hyo, every series at the candle it is computed from (no displacement, see
     * {@link Ichimoku}); no TA-Lib equivalent.
     */
    public static final IndicatorType ICHIMOKU = study("ichimoku", "Ichimoku Kinko Hyo (Ichimoku Cloud)",
            "Overlap Studies").inputs("high", "low", "close").period("tenkan", 9, 1).period("kijun", 26, 1)
            .period("senkou", 52, 1).outputs("tenkan", "kijun", "senkoua", "senkoub", "chikou")
            .placement(Placement.OVERLAY)
            .computes(p -> Ichimoku.lookback(p.intValue("tenkan"), p.intValue("kijun"), p.intValue("senkou")),
                    (c, p) -> Ichimoku.compute(c.h(), c.l(), c.c(), p.intValue("tenkan"), p.intValue("kijun"),
                            p.intValue("senkou")))
            .window()
            // data undisplaced (docs/studies.md, the ichimoku bullet): the cloud is drawn kijun candles ahead,
            // the lagging span behind
            .offset("senkoua", "kijun").offset("senkoub", "kijun").offset("chikou", "-kijun")
            .fill("senkoua", "senkoub")
            .notes("Every series stands at the candle it is computed from, undisplaced: charts draw senkoua and"
                    + " senkoub kijun candles ahead and chikou kijun candles behind. The lines are midpoints of the"
                    + " highest high and lowest low of their windows, the current candle included.", "Goichi Hosoda")
            .build();
    public static final IndicatorType AROON = taLib("AROON").period(14, 2).outputs("aroondown", "aroonup")
            .computes(p -> Aroon.lookback(p.period()), (c, p) -> Aroon.compute(c.h(), c.l(), p.period()))
            .window()
            .build();
    public static final IndicatorType AROONOSC = taLib("AROONOSC").period(14, 2)
            .computesValue(p -> Aroon.lookback(p.period()), (c, p) -> Aroon.oscillator(c.h(), c.l(), p.period()))
            .window()
            .levels(0)
            .build();
    public static final IndicatorType MIDPOINT = taLib("MIDPOINT").period(14, 2).source()
            .computesValue(p -> MidPoint.lookback(p.period()),
                    (c, p) -> MidPoint.compute(p.source().select(c), p.period()))
            .window()
            .build();
    public static final IndicatorType MIDPRICE = taLib("MIDPRICE").period(14, 2)
            .computesValue(p -> MidPoint.lookback(p.period()), (c, p) -> MidPoint.price(c.h(), c.l(), p.period()))
            .window()
            .build();
    /** The fast %K of our window kernel, %D by TA-Lib's moving average of the kind asked ({@link FastStochastic}). */
    public static final IndicatorType STOCHF = taLib("STOCHF").period("fastk", 5, 1).period("fastd", 3, 1)
            .maType("fastdmatype", 0).outputs("fastk", "fastd")
            .computes(p -> FastStochastic.stochFLookback(p.intValue("fastk"), p.intValue("fastd"),
                            p.intValue("fastdmatype")),
                    (c, p) -> FastStochastic.stochF(c.h(), c.l(), c.c(), p.intValue("fastk"), p.intValue("fastd"),
                            p.intValue("fastdmatype")))
            .levels(20, 80)
            .notes("The fast stochastic: fastk unsmoothed, fastd its moving average of the kind fastdmatype. "
                    + MA_KINDS, "George Lane")
            .build();
    /** STOCHF over RSI({@code period}) ({@link FastStochastic}). */
    public static final IndicatorType STOCHRSI = taLib("STOCHRSI").period(14, 2).period("fastk", 5, 1)
            .period("fastd", 3, 1).maType("fastdmatype", 0).source().outputs("fastk", "fastd")
            .computes(p -> FastStochastic.stochRsiLookback(p.period(), p.intValue("fastk"), p.intValue("fastd"),
                            p.intValue("fastdmatype")),
                    (c, p) -> FastStochastic.stochRsi(p.source().select(c), p.period(), p.intValue("fastk"),
                            p.intValue("fastd"), p.intValue("fastdmatype")))
            .levels(20, 80)
            .notes("The fast stochastic of RSI(period): fastk unsmoothed and fastd its moving average of the kind"
                    + " fastdmatype, so TradingView's Stoch RSI %K, an SMA of the stochastic, is fastd here for the"
                    + " same lengths.", "Tushar Chande and Stanley Kroll")
            .build();

    /** Chaikin Money Flow; no TA-Lib equivalent (TA-Lib has Chaikin's A/D line and oscillator). */
    public static final IndicatorType CMF = study("cmf", "Chaikin Money Flow", "Volume Indicators")
            .inputs("high", "low", "close", "volume").windowPeriod(20, 1).placement(Placement.PANE)
            .computesValue(p -> Cmf.lookback(p.period()),
                    (c, p) -> Cmf.compute(c.h(), c.l(), c.c(), c.v(), p.period()))
            .window()
            .levels(0)
            .notes("Each candle's volume times ((close - low) - (high - close)) / (high - low), 0 on a candle without"
                    + " range, summed over the last period candles and divided by their volume, as TradingView's CMF."
                    + " Where the window traded no volume it is 0, where TradingView's has no value.", "Marc Chaikin")
            .build();

    /** Our own kernels, in the order they are defined above; {@link Catalogue#all()} is every study. */
    static final List<IndicatorType> OWN = List.copyOf(DEFINED);

    private final String code;
    private final String title;
    private final String group;
    private final String talib;
    private final List<String> inputs;
    private final List<ParamSpec> params;
    private final List<String> outputs;
    private final boolean usesSource;
    private final Placement placement;
    private final Kind kind;
    private final boolean unstable;
    private final ToIntFunction<IndicatorParams> lookback;
    private final Kernel kernel;
    private final int historyMax;
    private final Function<IndicatorParams, Stepper> stepper;
    private final ToIntFunction<IndicatorParams> windowAlignment;
    private final List<Rule> rules;
    private final Drawing drawing;
    private final StudyNote note;

    private IndicatorType(Builder b) {
        this.code = b.code;
        this.title = Objects.requireNonNull(b.title, b.code + ": title");
        this.group = Objects.requireNonNull(b.group, b.code + ": group");
        this.talib = b.talib;
        this.inputs = List.copyOf(b.inputs);
        this.params = List.copyOf(b.params);
        this.outputs = List.copyOf(b.outputs);
        this.usesSource = b.usesSource;
        this.placement = Objects.requireNonNull(b.placement, b.code + ": placement");
        this.kind = b.kind;
        this.unstable = b.unstable;
        this.lookback = Objects.requireNonNull(b.lookback, b.code + ": kernel");
        this.kernel = b.kernel;
        this.historyMax = b.historyMax;
        this.stepper = b.stepper;
        this.windowAlignment = b.windowAlignment;
        if (windowAlignment != null && (stepper != null || unstable)) {
            throw new IllegalStateException(code + ": a window study is neither stepped nor unstable");
        }
        this.rules = List.copyOf(b.rules);
        this.drawing = b.drawing(this);
        this.note = b.note;
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

    public Placement placement() {
        return placement;
    }

    public Kind kind() {
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

    /** How a chart draws it. */
    public Drawing drawing() {
        return drawing;
    }

    /** Its definition choice where charting packages differ, if any. */
    public Optional<StudyNote> note() {
        return Optional.ofNullable(note);
    }

    /** Starts the stepper of a study walked on from a checkpoint ({@link Extension#STEPPED}), or null. */
    @Nullable Function<IndicatorParams, Stepper> stepper() {
        return stepper;
    }

    /** A multiple of which a {@link Extension#WINDOW} study's rerun starts, or null for the other studies. */
    @Nullable ToIntFunction<IndicatorParams> windowAlignment() {
        return windowAlignment;
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
     * The first rule between parameters that bounds alone cannot say which {@code values} (one per
     * {@link #params()}, each within its bounds) break, or empty when they are fine.
     */
    public Optional<ParamError> check(double[] values) {
        IndicatorParams p = new IndicatorParams(this, values, null);
        return rules.stream().filter(rule -> !rule.holds().test(p)).map(Rule::error).findFirst();
    }

    @Override
    public String toString() {
        return code;
    }

    /** Our kernel for TA-Lib's function {@code talibName}: title, group, inputs, placement and unstable from TA-Lib. */
    private static Builder taLib(String talibName) {
        return Builder.fromTaLib(talibName).ours();
    }

    /** A study TA-Lib lacks. */
    private static Builder study(String code, String title, String group) {
        return new Builder(code).title(title).group(group).ours();
    }

    /** Computes a study's columns over the whole history. */
    @FunctionalInterface
    interface Kernel {
        double[][] compute(CandleColumns candles, IndicatorParams params);
    }

    /** Computes a study's single {@code value} column over the whole history. */
    @FunctionalInterface
    interface ValueKernel {
        double[] compute(CandleColumns candles, IndicatorParams params);
    }

    private record Rule(ParamError error, Predicate<IndicatorParams> holds) {
    }

    /**
     * Everything about one study, said once: what the catalogue shows, the kernel, the rules between
     * its parameters, how it is drawn (a line per series unless said otherwise) and its notes. Checked
     * when built: a drawing hint naming a series or parameter the study lacks fails at start-up.
     */
    static final class Builder {
        private final String code;
        private String title;
        private String group;
        private String talib;
        private List<String> inputs = List.of();
        private final List<ParamSpec> params = new ArrayList<>();
        private List<String> outputs = List.of("value");
        private boolean usesSource;
        private Placement placement;
        private Kind kind = Kind.LINE;
        private boolean unstable;
        private ToIntFunction<IndicatorParams> lookback;
        private Kernel kernel;
        private int historyMax = Integer.MAX_VALUE;
        private Function<IndicatorParams, Stepper> stepper;
        private ToIntFunction<IndicatorParams> windowAlignment;
        private final List<Rule> rules = new ArrayList<>();
        private final Map<String, Drawing.Style> styles = new HashMap<>();
        private final Map<String, String> offsets = new HashMap<>();
        private final Map<String, String> colorBy = new HashMap<>();
        private final Set<String> dots = new HashSet<>();
        private final Set<String> abs = new HashSet<>();
        private final List<Drawing.Fill> fills = new ArrayList<>();
        private List<Double> levels = List.of();
        private StudyNote note;
        private boolean ours;

        private Builder(String code) {
            this.code = code;
        }

        /**
         * TA-Lib's function {@code talibName} as TA-Lib describes it: its name lower-cased, title, group,
         * inputs, placement (overlay where TA-Lib flags it so) and unstable ({@link HistoryDependence}).
         */
        static Builder fromTaLib(String talibName) {
            TaLibFunction function = TaLibFunction.named(talibName);
            Builder builder = new Builder(talibName.toLowerCase(Locale.ROOT)).title(Catalogue.title(talibName))
                    .group(function.info().group()).inputs(function.inputNames())
                    .placement(Catalogue.placement(function));
            builder.talib = talibName;
            builder.unstable = HistoryDependence.unstable(talibName);
            return builder;
        }

        Builder title(String title) {
            this.title = title;
            return this;
        }

        Builder group(String group) {
            this.group = group;
            return this;
        }

        /** The candle columns read, in open, high, low, close, volume order ({@code close} for a source series). */
        Builder inputs(String... inputs) {
            return inputs(List.of(inputs));
        }

        Builder inputs(List<String> inputs) {
            this.inputs = inputs;
            return this;
        }

        /** An integer parameter {@code period} up to {@link #PERIOD_MAX}. */
        Builder period(int defaultValue, int min) {
            return period("period", defaultValue, min);
        }

        Builder period(String name, int defaultValue, int min) {
            return param(ParamSpec.period(name, defaultValue, min, PERIOD_MAX));
        }

        /** {@code period} up to {@link #WINDOW_PERIOD_MAX}: the kernel's cost grows with n·period. */
        Builder windowPeriod(int defaultValue, int min) {
            return param(ParamSpec.period("period", defaultValue, min, WINDOW_PERIOD_MAX));
        }

        Builder real(String name, double defaultValue, double min, double max) {
            return param(ParamSpec.real(name, defaultValue, min, max));
        }

        Builder maType(String name, int defaultValue) {
            return param(ParamSpec.maType(name, defaultValue));
        }

        Builder anchor(String name) {
            return param(ParamSpec.anchor(name));
        }

        /** The next parameter, in the order of the cache key and the answer's {@code params}. */
        Builder param(ParamSpec spec) {
            params.add(spec);
            return this;
        }

        /** The output series, in the kernel's order; {@code value} alone unless said. */
        Builder outputs(String... outputs) {
            return outputs(List.of(outputs));
        }

        Builder outputs(List<String> outputs) {
            this.outputs = outputs;
            return this;
        }

        /** It runs over one price series chosen by {@code source}. */
        Builder source() {
            return source(true);
        }

        Builder source(boolean usesSource) {
            this.usesSource = usesSource;
            return this;
        }

        Builder placement(Placement placement) {
            this.placement = placement;
            return this;
        }

        Builder kind(Kind kind) {
            this.kind = kind;
            return this;
        }

        /** Its value at a candle depends on where the history starts ({@link IndicatorType#unstable()}). */
        Builder unstable() {
            this.unstable = true;
            return this;
        }

        /** At most {@code historyMax} stored candles per request (a kernel costly per candle). */
        Builder historyMax(int historyMax) {
            this.historyMax = historyMax;
            return this;
        }

        /** The kernel: its warm-up and its columns, one per output. */
        Builder computes(ToIntFunction<IndicatorParams> lookback, Kernel kernel) {
            this.lookback = lookback;
            this.kernel = kernel;
            return this;
        }

        /** The kernel of a single-series study. */
        Builder computesValue(ToIntFunction<IndicatorParams> lookback, ValueKernel kernel) {
            return computes(lookback, (c, p) -> new double[][] {kernel.compute(c, p)});
        }

        /**
         * A live patch walks the kernel on from its state saved before the change ({@link Extension#STEPPED}):
         * {@code start} gives a fresh {@link Stepper}, which performs the kernel's floating-point operations
         * in the kernel's order.
         */
        Builder stepper(Function<IndicatorParams, Stepper> start) {
            this.stepper = start;
            return this;
        }

        /**
         * Its value at a candle is computed afresh from the {@code lookback + 1} candles ending there, in
         * the same order whatever candle the kernel starts at: a live patch reruns it over the changed
         * candles and the lookback before them ({@link Extension#WINDOW}).
         */
        Builder window() {
            return window(p -> 1);
        }

        /** A {@link #window()} study whose rerun must start at a multiple of {@code alignment}. */
        Builder window(ToIntFunction<IndicatorParams> alignment) {
            this.windowAlignment = alignment;
            return this;
        }

        /** A rule between parameters: when {@code holds} is false, a 400 naming {@code field} with {@code detail}. */
        Builder rule(String field, String detail, Predicate<IndicatorParams> holds) {
            rules.add(new Rule(new ParamError(field, detail), holds));
            return this;
        }

        /** Draws {@code series} as {@code style} rather than its kind's default. */
        Builder style(String series, Drawing.Style style) {
            styles.put(series, style);
            return this;
        }

        /** Shifts {@code series} by an integer parameter's value, {@code -name} to shift it back. */
        Builder offset(String series, String param) {
            offsets.put(series, param);
            return this;
        }

        /** Colours {@code series} by the sign of the hidden series {@code state}. */
        Builder colorBy(String series, String state) {
            colorBy.put(series, state);
            return this;
        }

        /** A dot per candle rather than a joined line. */
        Builder dots(String series) {
            dots.add(series);
            return this;
        }

        /** Drawn as its absolute value. */
        Builder abs(String series) {
            abs.add(series);
            return this;
        }

        /** Shades the area between two series. */
        Builder fill(String from, String to) {
            fills.add(new Drawing.Fill(from, to));
            return this;
        }

        /** Reference levels of its pane: the ones chart packages and trading texts draw by default. */
        Builder levels(double... levels) {
            this.levels = Arrays.stream(levels).boxed().toList();
            return this;
        }

        /** Where its definition differs between charting packages (one or two sentences of plain text). */
        Builder notes(String notes) {
            return notes(notes, null);
        }

        Builder notes(String notes, @Nullable String reference) {
            this.note = new StudyNote(notes, reference);
            return this;
        }

        private Builder ours() {
            this.ours = true;
            return this;
        }

        /** The study; one of ours joins {@link IndicatorType#OWN}. */
        IndicatorType build() {
            IndicatorType type = new IndicatorType(this);
            if (ours) {
                DEFINED.add(type);
            }
            return type;
        }

        private Drawing drawing(IndicatorType type) {
            Drawing.Style plain = switch (kind) {
                case PATTERN -> Drawing.Style.MARKERS;
                case HISTOGRAM -> Drawing.Style.HISTOGRAM;
                case LINE -> Drawing.Style.LINE;
            };
            for (Set<String> named : List.of(styles.keySet(), offsets.keySet(), colorBy.keySet(),
                    Set.copyOf(colorBy.values()), dots, abs)) {
                named.forEach(series -> series(type, series));
            }
            for (Drawing.Fill fill : fills) {
                series(type, fill.from());
                series(type, fill.to());
            }
            for (String offset : offsets.values()) {
                String param = offset.startsWith("-") ? offset.substring(1) : offset;
                if (type.params.stream().noneMatch(s -> s.name().equals(param) && s.type() == ParamSpec.Type.INTEGER)) {
                    throw new IllegalStateException(type + " has no integer parameter " + param);
                }
            }
            List<Drawing.Plot> plots = type.outputs.stream().map(series -> new Drawing.Plot(series,
                    styles.getOrDefault(series, plain), offsets.get(series), colorBy.get(series),
                    dots.contains(series), abs.contains(series))).toList();
            return new Drawing(plots, List.copyOf(fills), levels);
        }

        private static String series(IndicatorType type, String series) {
            if (!type.outputs.contains(series)) {
                throw new IllegalStateException(type + " has no series " + series);
            }
            return series;
        }
    }
}
