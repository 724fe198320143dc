package com.chartfeed.indicators;

import io.micronaut.core.annotation.Nullable;

import java.util.Map;
import java.util.Optional;

/**
 * The definition choices of the studies whose values users compare with other charting packages
 * (TradingView above all) and find different: which seed, smoothing, deviation, anchor or sign
 * convention a study takes, and what the others take instead. Served as the catalogue entry's
 * {@code notes} and {@code reference}; every claim about our computation is checked by
 * {@code StudyConventionsTest}, those about TradingView follow its Pine Script reference.
 */
public final class StudyNotes {

    /**
     * One study's notes.
     *
     * @param notes     one or two sentences of plain text: the convention and how others differ
     * @param reference who defined the study, where it follows a published definition, or null
     */
    public record Note(String notes, @Nullable String reference) {
    }

    private static final String WILDER = "J. Welles Wilder, New Concepts in Technical Trading Systems (1978)";
    private static final String MA_KINDS = "Stable with sma, wma or trima; with ema, dema, tema, kama, mama or t3 it"
            + " depends on where the history starts.";

    private static final Map<String, Note> NOTES = Map.ofEntries(
            // our studies beyond TA-Lib
            Map.entry("supertrend", new Note("direction is +1 in an up trend (value is the lower band) and -1 in a"
                    + " down trend, the opposite sign of TradingView's ta.supertrend. Its ATR is TA-Lib's, whose first"
                    + " value comes a candle after TradingView's ta.atr, so roughly the first 100 to 300 values differ"
                    + " slightly, until the smoothing forgets its start.", "Olivier Seban")),
            Map.entry("vwap", new Note("The typical price (high + low + close) / 3 weighted by volume, summed from the"
                    + " start of the anchor period in UTC: the day (session), the week from Monday 00:00 or the month."
                    + " TradingView's session VWAP starts at the exchange's session open in its own time zone, so"
                    + " intraday values differ wherever that is not 00:00 UTC.", null)),
            Map.entry("donchian", new Note("upper and lower are the highest high and lowest low of the last period"
                    + " candles including the current one, as TradingView's Donchian Channels; a breakout rule that"
                    + " compares the close with the channel of the candles before it needs the previous candle's values.",
                    "Richard Donchian")),
            Map.entry("hma", new Note("WMA(2 × WMA(n/2) - WMA(n), √n) with n/2 and √n truncated to whole"
                    + " numbers (period 9: WMA(4) and WMA(9), smoothed by WMA(3)); versions that round them instead"
                    + " (WMA(5) for period 9) draw a slightly different line.", "Alan Hull")),
            Map.entry("keltner", new Note("The middle is TA-Lib's EMA of the close over period, the bands multiplier"
                    + " times TA-Lib's (Wilder's) ATR over atrperiod away. TradingView's ta.kc takes an EMA of the true"
                    + " range over the same length instead, and its EMAs start from the first value, not from an SMA.",
                    "Linda Raschke's ATR form of Chester Keltner's channels")),
            Map.entry("ichimoku", new Note("Every series stands at the candle it is computed from, undisplaced: charts"
                    + " draw senkoua and senkoub kijun candles ahead and chikou kijun candles behind. The lines are"
                    + " midpoints of the highest high and lowest low of their windows, the current candle included.",
                    "Goichi Hosoda")),
            Map.entry("vwma", new Note("sum(price × volume) / sum(volume) over the last period candles; where they"
                    + " traded no volume at all, the plain mean of their prices rather than no value.", null)),
            // moving averages and what is built on them
            Map.entry("ema", new Note("Seeded with the SMA of the first period values (TA-Lib), its first value at"
                    + " candle period - 1; TradingView's ta.ema starts from the first value itself, so early values"
                    + " differ until the seed's weight fades.", null)),
            Map.entry("dema", new Note("2 × EMA - EMA of the EMA, on TA-Lib's SMA-seeded EMA (see ema), so early"
                    + " values differ from versions seeded with the first value.", "Patrick Mulloy")),
            Map.entry("tema", new Note("3 × EMA - 3 × EMA of the EMA + EMA of that, on TA-Lib's SMA-seeded EMA (see"
                    + " ema), so early values differ from versions seeded with the first value.", "Patrick Mulloy")),
            Map.entry("trix", new Note("The one-candle rate of change, in percent, of a triple EMA of the source, on"
                    + " TA-Lib's SMA-seeded EMA (see ema).", "Jack Hutson")),
            Map.entry("macd", new Note("TA-Lib seeds the slow EMA with the SMA of the first slow values and the fast"
                    + " EMA with the SMA of the fast values ending at the same candle (slow - 1), ignoring the candles"
                    + " before; TradingView's ta.macd runs both EMAs from the first candle, so early values differ.",
                    "Gerald Appel")),
            Map.entry("macdext", new Note("MACD with a moving average of the kind asked for each line, sma for all three"
                    + " by default (TA-Lib's), not MACD's EMAs. " + MA_KINDS, null)),
            Map.entry("ma", new Note("A moving average of the kind matype, sma by default. " + MA_KINDS, null)),
            Map.entry("apo", new Note("The fast minus the slow moving average of the kind matype, sma by default"
                    + " (TA-Lib's). " + MA_KINDS, null)),
            Map.entry("ppo", new Note("100 × (fast - slow) / slow moving average of the kind matype, sma by default"
                    + " (TA-Lib's). " + MA_KINDS, null)),
            // oscillators
            Map.entry("rsi", new Note("Wilder's smoothing (1/period) of gains and losses, seeded with their means over"
                    + " the first period changes, as TradingView's ta.rsi; versions with an EMA (2/(period + 1)) or"
                    + " plain sums (Cutler's RSI) read differently, and TA-Lib gives 0 where the price never moved.",
                    WILDER)),
            Map.entry("stoch", new Note("The slow stochastic: fast %K = 100 × (close - lowest low) / (highest high -"
                    + " lowest low) over fastk candles, k its SMA over slowk and d the SMA of k over slowd, as"
                    + " TradingView's Stochastic (14, 3, 3) with TA-Lib's defaults 5, 3, 3. Fast %K is 0 where the"
                    + " range is flat.", "George Lane")),
            Map.entry("stochf", new Note("The fast stochastic: fastk unsmoothed, fastd its moving average of the kind"
                    + " fastdmatype. " + MA_KINDS, "George Lane")),
            Map.entry("stochrsi", new Note("The fast stochastic of RSI(period): fastk unsmoothed and fastd its moving"
                    + " average of the kind fastdmatype, so TradingView's Stoch RSI %K, an SMA of the stochastic, is fastd"
                    + " here for the same lengths.",
                    "Tushar Chande and Stanley Kroll")),
            Map.entry("cci", new Note("(typical price - its SMA) / (0.015 × its mean absolute deviation) over period,"
                    + " the typical price (high + low + close) / 3, as TradingView's ta.cci on hlc3: not the standard"
                    + " deviation. TA-Lib's default period is 14, TradingView's 20.", "Donald Lambert")),
            Map.entry("mfi", new Note("Money flow is typical price × volume, positive when the typical price rose and"
                    + " counted on neither side when unchanged; TA-Lib gives 0 whenever the window's total flow is"
                    + " below 1.0 (thin volume or tiny prices), where TradingView's ta.mfi still gives the ratio.",
                    "Gene Quong and Avrum Soudack")),
            Map.entry("cmo", new Note("TA-Lib smooths gains and losses with Wilder's method as RSI does, so cmo ="
                    + " 2 × rsi - 100 and depends on where the history starts; TradingView's ta.cmo sums the last period"
                    + " changes plainly.", "Tushar Chande")),
            Map.entry("adx", new Note("Wilder's: +DM, -DM and the true range smoothed as running sums seeded over the"
                    + " first period - 1 moves, the first ADX the mean of the first period DX values (candle 2 × period"
                    + " - 1). TradingView's ta.dmi seeds its averages with means and takes separate DI and ADX lengths,"
                    + " so early values differ.", WILDER)),
            Map.entry("bbands", new Note("The middle band is the SMA, the width stddev population standard deviations"
                    + " (divided by period), as TradingView's ta.bb; the sample deviation (divided by period - 1) gives"
                    + " wider bands. TA-Lib's default period is 5, TradingView's 20.", "John Bollinger")),
            Map.entry("atr", new Note("Wilder's smoothing of the true range, seeded with the mean over candles 1 to"
                    + " period (the first has no previous close), first value at candle period. TradingView's ta.atr"
                    + " counts the first candle's high - low too and starts a candle earlier, so early values differ.",
                    WILDER)),
            // running totals and carried state
            Map.entry("obv", new Note("Starts at the first candle's volume (TA-Lib) and adds or subtracts each later"
                    + " volume as the source rises or falls; TradingView's ta.obv starts at 0. A running total: its"
                    + " level depends on where the history starts, only its changes compare.", "Joseph Granville")),
            Map.entry("ad", new Note("A running total of the money flow volume from the first candle: its level"
                    + " depends on where the history starts, only its changes compare.", "Marc Chaikin")),
            Map.entry("sar", new Note("Carries its trend, extreme point and acceleration from the first candles on,"
                    + " so its values depend on where the history starts until both histories share a reversal.",
                    WILDER)),
            Map.entry("sarext", new Note("The parabolic SAR with separate long and short accelerations; a short"
                    + " position's stop is given as a negative value (TA-Lib's convention).", WILDER)));

    private StudyNotes() {
    }

    /** The notes of {@code type}, where a convention matters. */
    public static Optional<Note> of(IndicatorType type) {
        return Optional.ofNullable(NOTES.get(type.code()));
    }

    /** Every study with notes, by code. */
    static Map<String, Note> all() {
        return NOTES;
    }
}
