package com.chartfeed.indicators.kernels;

/** {@link Ema} one candle at a time: the seed sum, then the recursion. */
public final class EmaStepper implements Stepper {
    private final int period;
    private final double k;
    private double sum;
    private double ema;

    public EmaStepper(int period) {
        Ema.lookback(period);
        this.period = period;
        this.k = Ema.k(period);
    }

    private EmaStepper(EmaStepper other) {
        this.period = other.period;
        this.k = other.k;
        this.sum = other.sum;
        this.ema = other.ema;
    }

    @Override
    public void step(StepInputs in, int i, double[] out) {
        double x = in.x(i);
        if (i < period) {
            sum += x;
            if (i < period - 1) {
                out[0] = Double.NaN;
                return;
            }
            ema = sum / period;
        } else {
            ema = ((x - ema) * k) + ema;
        }
        out[0] = ema;
    }

    @Override
    public Stepper copy() {
        return new EmaStepper(this);
    }
}
