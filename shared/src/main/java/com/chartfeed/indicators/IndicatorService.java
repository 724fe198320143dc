package com.chartfeed.indicators;

import com.chartfeed.candles.CandleHistory;
import com.chartfeed.candles.Interval;
import jakarta.inject.Singleton;

/** Computes indicators over the whole stored history, so values never depend on the window asked for. */
@Singleton
public class IndicatorService {
    private final CandleHistory history;

    public IndicatorService(CandleHistory history) {
        this.history = history;
    }

    public IndicatorSeries series(String symbol, Interval interval, IndicatorParams params) {
        return IndicatorSeries.compute(history.load(symbol, interval), params);
    }
}
