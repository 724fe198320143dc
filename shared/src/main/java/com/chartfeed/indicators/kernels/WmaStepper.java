package com.chartfeed.indicators.kernels;

/**
 * {@link Wma} one candle at a time: TA-Lib's weighted sum and plain sum of the window, the weights
 * shifted down by subtracting the plain sum, with the trailing value dropped one candle late
 * (0.0 at the first value), as the kernel does.
 */
public final class WmaStepper implements Stepper {
    private final int period;
    /** The candle the weighted average starts at (HMA smooths a stream that starts later). */
    private final int offset;
    private final int lookback;
    private final int divider;
    private double periodSum;
    private double periodSub;

    public WmaStepper(int period) {
        this(period, 0);
    }

    WmaStepper(int period, int offset) {
        this.lookback = Wma.lookback(period);
        this.period = period;
        this.offset = offset;
        this.divider = (period * (period + 1)) >> 1;
    }

    private WmaStepper(WmaStepper other) {
        this.period = other.period;
        this.offset = other.offset;
        this.lookback = other.lookback;
        this.divider = other.divider;
        this.periodSum = other.periodSum;
        this.periodSub = other.periodSub;
    }

    @Override
    public void step(StepInputs in, int i, double[] out) {
        double v = in.x(i);
        int j = i - offset;
        if (j < lookback) {
            periodSub += v;
            periodSum += v * (j + 1);
            out[0] = Double.NaN;
            return;
        }
        double trailingValue = j == lookback ? 0.0 : in.x(i - lookback - 1);
        periodSub += v;
        periodSub -= trailingValue;
        periodSum += v * period;
        out[0] = periodSum / divider;
        periodSum -= periodSub;
    }

    @Override
    public Stepper copy() {
        return new WmaStepper(this);
    }
}
