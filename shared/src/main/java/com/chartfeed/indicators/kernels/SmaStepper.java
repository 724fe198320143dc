package com.chartfeed.indicators.kernels;

/** {@link Sma} one candle at a time: the running sum, newest added before the oldest is dropped. */
public final class SmaStepper implements Stepper {
    private final int period;
    private double total;

    public SmaStepper(int period) {
        Sma.lookback(period);
        this.period = period;
    }

    private SmaStepper(SmaStepper other) {
        this.period = other.period;
        this.total = other.total;
    }

    @Override
    public void step(StepInputs in, int i, double[] out) {
        total += in.x(i);
        if (i < period - 1) {
            out[0] = Double.NaN;
            return;
        }
        double windowSum = total;
        total -= in.x(i - period + 1);
        out[0] = windowSum / period;
    }

    @Override
    public Stepper copy() {
        return new SmaStepper(this);
    }
}
