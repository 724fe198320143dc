package com.chartfeed.indicators.kernels;

import java.util.function.IntToDoubleFunction;

/**
 * What a {@link Stepper} reads at a candle: the price series chosen by {@code source} (computed
 * per candle with the same arithmetic as the whole column, so no column is built per tick), the
 * open time (epoch seconds) and the high, low, close and volume. Per candle rather than columns, so
 * the history can live in buffers shared between versions.
 */
public interface StepInputs {

    double x(int i);

    long time(int i);

    double high(int i);

    double low(int i);

    double close(int i);

    double volume(int i);

    /** The same candles read through another price series (a stage of a composite study). */
    default StepInputs withSource(IntToDoubleFunction source) {
        StepInputs candles = this;
        return new StepInputs() {
            @Override
            public double x(int i) {
                return source.applyAsDouble(i);
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
        };
    }
}
