package com.chartfeed.indicators;

import com.chartfeed.indicators.kernels.Stepper;
import io.micronaut.core.annotation.Nullable;

import java.util.function.Function;
import java.util.function.ToIntFunction;

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
 *   alone, computed afresh from them in the same order whatever candle the kernel starts at: the
 *   kernel reruns over the changed candles and the {@code lookback} before them. Ours: MOM and ROC
 *   (a candle {@code period} back), WILLR, DONCHIAN and ICHIMOKU (window extremes, their midpoints
 *   and the close), VWMA, CCI and CMF (each window summed afresh; CCI in a ring whose slot for
 *   candle i is {@code i % period}, so its rerun starts at a multiple of {@code period} to keep the
 *   order of additions), MIDPOINT and MIDPRICE (rescanning the window at each candle), AROON and
 *   AROONOSC (counting back to the newest extreme of the window, ties included); TA-Lib's price
 *   transforms, rates of change (ROCP, ROCR, ROCR100) and regressions (LINEARREG*, TSF sum each
 *   window afresh). Window extremes are exact whatever the scan order; ties do not change a
 *   maximum's value.</li>
 *   <li>{@link #RECOMPUTE}: every other study, the TA-Lib ones run by reflection among them (their
 *   candlestick patterns keep running sums of body sizes; their averages and oscillators are
 *   recursions whose state TA-Lib does not expose), recomputed over the patched history in memory.</li>
 * </ul>
 *
 * <p>A study says its way in its definition: {@code IndicatorType.Builder}'s {@code stepper(...)} or
 * {@code window()}; neither is {@link #RECOMPUTE}, correct and slower.
 */
public enum Extension {
    STEPPED, WINDOW, RECOMPUTE;

    /** The way {@code type}'s series follows a patch. */
    public static Extension of(IndicatorType type) {
        if (type.stepper() != null) {
            return STEPPED;
        }
        return type.windowAlignment() != null ? WINDOW : RECOMPUTE;
    }

    /** A fresh stepper for a {@link #STEPPED} study, null for the others. */
    static @Nullable Stepper stepper(IndicatorParams params) {
        Function<IndicatorParams, Stepper> start = params.type().stepper();
        return start == null ? null : start.apply(params);
    }

    /** A {@link #WINDOW} study's rerun starts at a multiple of this (CCI's period, 1 for the others). */
    static int alignment(IndicatorParams params) {
        ToIntFunction<IndicatorParams> alignment = params.type().windowAlignment();
        return alignment == null ? 1 : alignment.applyAsInt(params);
    }
}
