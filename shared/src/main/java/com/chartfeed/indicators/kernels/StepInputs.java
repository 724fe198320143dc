package com.chartfeed.indicators.kernels;

import java.util.function.IntToDoubleFunction;

/**
 * What a {@link Stepper} reads at a candle: the price series chosen by {@code source} (computed
 * per candle with the same arithmetic as the whole column, so no column is built per tick) and the
 * high, low, close and volume columns.
 */
public record StepInputs(IntToDoubleFunction source, double[] high, double[] low, double[] close,
                         double[] volume) {

    double x(int i) {
        return source.applyAsDouble(i);
    }
}
