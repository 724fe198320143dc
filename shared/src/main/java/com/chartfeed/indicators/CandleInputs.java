package com.chartfeed.indicators;

import com.chartfeed.candles.LiveCandles;
import com.chartfeed.indicators.kernels.StepInputs;

/** A version of the history as a stepper reads it, the price series chosen by {@code source}. */
final class CandleInputs implements StepInputs {
    private final LiveCandles candles;
    private final PriceSource source;

    CandleInputs(LiveCandles candles, PriceSource source) {
        this.candles = candles;
        this.source = source;
    }

    @Override
    public double x(int i) {
        return source.at(candles, i);
    }

    @Override
    public long time(int i) {
        return candles.time(i);
    }

    @Override
    public double high(int i) {
        return candles.high(i);
    }

    @Override
    public double low(int i) {
        return candles.low(i);
    }

    @Override
    public double close(int i) {
        return candles.close(i);
    }

    @Override
    public double volume(int i) {
        return candles.volume(i);
    }
}
