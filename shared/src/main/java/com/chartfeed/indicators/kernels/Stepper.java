package com.chartfeed.indicators.kernels;

/**
 * A kernel walked one candle at a time, so that a series can be extended from a saved state
 * instead of recomputed from the first candle. An implementation performs, for each candle, the
 * same floating-point operations in the same order as its kernel's {@code compute}, so a series
 * stepped from any saved state is bit for bit the kernel's over the whole history.
 *
 * <p>A stepper is mutable; a saved state is a {@link #copy()} that is never stepped again, so
 * readers of an older series' states are never disturbed.
 */
public interface Stepper {

    /**
     * Consumes candle {@code i} (every candle before it already consumed, in order) and writes
     * its values to {@code out[k]} (one slot per output), NaN during the warm-up. It may read the
     * inputs of earlier candles (a trailing value of a running sum), never of later ones.
     */
    void step(StepInputs in, int i, double[] out);

    /** An independent copy of the state. */
    Stepper copy();

    /** Approximate heap footprint of the state: a few doubles, more for a study that keeps a window of values. */
    default long sizeInBytes() {
        return 64L;
    }
}
