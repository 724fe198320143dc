package com.chartfeed.indicators;

import com.chartfeed.indicators.kernels.AdxStepper;
import com.chartfeed.indicators.kernels.AtrStepper;
import com.chartfeed.indicators.kernels.BbandsStepper;
import com.chartfeed.indicators.kernels.DemaStepper;
import com.chartfeed.indicators.kernels.EmaStepper;
import com.chartfeed.indicators.kernels.HullStepper;
import com.chartfeed.indicators.kernels.KamaStepper;
import com.chartfeed.indicators.kernels.KeltnerStepper;
import com.chartfeed.indicators.kernels.MacdStepper;
import com.chartfeed.indicators.kernels.MfiStepper;
import com.chartfeed.indicators.kernels.ObvStepper;
import com.chartfeed.indicators.kernels.RsiStepper;
import com.chartfeed.indicators.kernels.SmaStepper;
import com.chartfeed.indicators.kernels.Stepper;
import com.chartfeed.indicators.kernels.StochStepper;
import com.chartfeed.indicators.kernels.SupertrendStepper;
import com.chartfeed.indicators.kernels.TemaStepper;
import com.chartfeed.indicators.kernels.TrimaStepper;
import com.chartfeed.indicators.kernels.Vwap;
import com.chartfeed.indicators.kernels.VwapStepper;
import com.chartfeed.indicators.kernels.WmaStepper;
import io.micronaut.core.annotation.Nullable;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * How a study's series follows a patch of its candles, each way exact (bit for bit the study's
 * computation over the whole patched history):
 * <ul>
 *   <li>{@link #STEPPED}: its kernel's state is saved at checkpoints and walked on from the last
 *   one before the first changed candle. The state after candle i is a function of candles
 *   {@code [0, i]} alone, and each {@link Stepper} performs its kernel's floating-point operations
 *   in the kernel's order, so resuming gives the values a whole-history run gives. The EMA, KAMA
 *   and Wilder recursions (EMA, DEMA, TEMA, MACD, KAMA, RSI, ATR, NATR, ADX, KELTNER), the running
 *   sums (SMA, WMA, TRIMA, HMA, BBANDS, OBV, MFI, VWAP's since its anchor, STOCH's smoothing of
 *   %K) and SUPERTREND's carried bands need this: their values depend on the rounding of every step since
 *   the first candle, so no shorter recomputation equals them.</li>
 *   <li>{@link #WINDOW}: the value at candle i is a function of candles {@code [i - lookback, i]}
 *   alone, computed afresh from them (a difference or ratio to a candle {@code period} back, the
 *   extremes of the window, a price transform): the kernel reruns over the changed candles and the
 *   {@code lookback} before them. Window extremes are exact whatever the scan order; ties do not
 *   change a maximum's value.</li>
 *   <li>{@link #RECOMPUTE}: every other study, the TA-Lib ones run by reflection among them (their
 *   candlestick patterns keep running sums of body sizes; their averages and oscillators are
 *   recursions whose state TA-Lib does not expose), recomputed over the patched history in memory.</li>
 * </ul>
 */
public enum Extension {
    STEPPED, WINDOW, RECOMPUTE;

    /** Studies walked from a checkpoint, and how to start their stepper. */
    private static final Map<IndicatorType, Function<IndicatorParams, Stepper>> STEPPERS = Map.ofEntries(
            Map.entry(IndicatorType.SMA, p -> new SmaStepper(p.period())),
            Map.entry(IndicatorType.EMA, p -> new EmaStepper(p.period())),
            Map.entry(IndicatorType.DEMA, p -> new DemaStepper(p.period())),
            Map.entry(IndicatorType.TEMA, p -> new TemaStepper(p.period())),
            Map.entry(IndicatorType.RSI, p -> new RsiStepper(p.period())),
            Map.entry(IndicatorType.MACD, p -> new MacdStepper(p.intValue("fast"), p.intValue("slow"),
                    p.intValue("signal"))),
            Map.entry(IndicatorType.BBANDS, p -> new BbandsStepper(p.period(), p.value("stddev"))),
            Map.entry(IndicatorType.ATR, p -> new AtrStepper(p.period(), false)),
            Map.entry(IndicatorType.NATR, p -> new AtrStepper(p.period(), true)),
            Map.entry(IndicatorType.ADX, p -> new AdxStepper(p.period())),
            Map.entry(IndicatorType.MFI, p -> new MfiStepper(p.period())),
            Map.entry(IndicatorType.KELTNER, p -> new KeltnerStepper(p.period(), p.value("multiplier"),
                    p.intValue("atrperiod"))),
            Map.entry(IndicatorType.WMA, p -> new WmaStepper(p.period())),
            Map.entry(IndicatorType.KAMA, p -> new KamaStepper(p.period())),
            Map.entry(IndicatorType.SUPERTREND, p -> new SupertrendStepper(p.period(), p.value("multiplier"))),
            Map.entry(IndicatorType.VWAP, p -> new VwapStepper(Vwap.Anchor.values()[p.intValue("anchor")])),
            Map.entry(IndicatorType.STOCH, p -> new StochStepper(p.intValue("fastk"), p.intValue("slowk"),
                    p.intValue("slowd"))),
            Map.entry(IndicatorType.TRIMA, p -> new TrimaStepper(p.period())),
            Map.entry(IndicatorType.HMA, p -> new HullStepper(p.period())),
            Map.entry(IndicatorType.OBV, p -> new ObvStepper()));
    /**
     * Studies whose value at a candle depends on the {@code lookback + 1} candles ending there and
     * nothing before: ours (MOM, ROC: a candle {@code period} back; WILLR, DONCHIAN, ICHIMOKU: window
     * extremes, their midpoints and the close; VWMA and CCI sum each window afresh) and TA-Lib's
     * price transforms, rates of change, window extremes (MIDPOINT and MIDPRICE rescan the window at
     * each candle; AROON and AROONOSC count back to the newest extreme of the window, ties included)
     * and regressions (LINEARREG*, TSF sum each window afresh).
     */
    private static final Set<String> WINDOWS = Set.of("mom", "roc", "willr", "donchian", "ichimoku", "vwma",
            "cci", "avgprice", "medprice", "typprice", "wclprice", "rocp", "rocr", "rocr100", "midpoint", "midprice",
            "aroon", "aroonosc", "linearreg", "linearreg_angle", "linearreg_intercept", "linearreg_slope", "tsf");

    /**
     * A {@link #WINDOW} study's rerun must start at a multiple of this: CCI sums its window in a
     * ring whose slot for candle i is {@code i % period}, and the same order of additions needs
     * the same slots.
     */
    static int alignment(IndicatorParams params) {
        return params.type() == IndicatorType.CCI ? params.period() : 1;
    }

    /** The way {@code type}'s series follows a patch. */
    public static Extension of(IndicatorType type) {
        if (STEPPERS.containsKey(type)) {
            return STEPPED;
        }
        return WINDOWS.contains(type.code()) ? WINDOW : RECOMPUTE;
    }

    /** A fresh stepper for a {@link #STEPPED} study, null for the others. */
    static @Nullable Stepper stepper(IndicatorParams params) {
        Function<IndicatorParams, Stepper> start = STEPPERS.get(params.type());
        return start == null ? null : start.apply(params);
    }
}
