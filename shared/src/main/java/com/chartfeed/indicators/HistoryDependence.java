package com.chartfeed.indicators;

import java.util.Locale;
import java.util.Set;

/**
 * Which TA-Lib studies the catalogue marks {@code unstable}: those whose value at a candle depends
 * on how much history precedes it, that is on where the history starts, with their default
 * parameters or with any moving-average kind they accept. They carry state from the first candle
 * on: an exponential or Wilder recursion (EMA and all built on it, RSI, ATR, ADX, KAMA, T3, the
 * Hilbert transform studies), a running total (OBV, AD) or a carried trend (SAR). The others are a
 * function of the {@code lookback + 1} candles ending at the candle, so any history long enough
 * for their first value gives the same values.
 *
 * <p>This is not TA-Lib's own flag ({@code TA_FUNC_FLG_UNST_PER}), which marks the functions whose
 * unstable period can be set: it leaves out MACD, DEMA, TEMA, TRIX, OBV, SAR and the others here
 * that depend on the history start all the same, and includes MFI, a sum over its window.
 * {@code UnstableFlagTest} checks every study of the catalogue against this definition.
 */
final class HistoryDependence {
    private static final Set<String> UNSTABLE = Set.of(
            // exponential and Wilder recursions, and studies built on them
            "EMA", "DEMA", "TEMA", "TRIX", "T3", "KAMA", "MAMA", "MACD", "MACDFIX", "RSI", "STOCHRSI", "CMO",
            "ATR", "NATR", "ADX", "ADXR", "DX", "PLUS_DI", "MINUS_DI", "PLUS_DM", "MINUS_DM", "ADOSC",
            // the Hilbert transform studies
            "HT_DCPERIOD", "HT_DCPHASE", "HT_PHASOR", "HT_SINE", "HT_TRENDLINE", "HT_TRENDMODE",
            // a moving average of the kind asked, an EMA among them
            "MA", "MACDEXT", "APO", "PPO", "STOCHF",
            // running totals from the first candle, and the parabolic SAR's carried trend
            "OBV", "AD", "SAR", "SAREXT");

    private HistoryDependence() {
    }

    /** Whether TA-Lib's function {@code talibName} depends on where the history starts. */
    static boolean unstable(String talibName) {
        return UNSTABLE.contains(talibName.toUpperCase(Locale.ROOT));
    }
}
