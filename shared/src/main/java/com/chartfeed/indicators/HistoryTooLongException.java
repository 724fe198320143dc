package com.chartfeed.indicators;

/**
 * A study asked over a stored history longer than it may compute within the cost bound of one
 * request (see {@link IndicatorType#historyMax()}); thrown before any computing, answered as a 400.
 */
public final class HistoryTooLongException extends RuntimeException {
    public HistoryTooLongException(IndicatorType type, int candles) {
        super(type.code() + " is computed over at most " + type.historyMax() + " candles, and this history holds "
                + candles + "; choose a longer interval", null, false, false);
    }
}
