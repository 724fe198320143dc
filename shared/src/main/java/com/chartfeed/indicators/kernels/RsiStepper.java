package com.chartfeed.indicators.kernels;

/** {@link Rsi} one candle at a time: plain means of the first changes, then Wilder's smoothing. */
public final class RsiStepper implements Stepper {
    private final int period;
    private double prev;
    private double gain;
    private double loss;

    public RsiStepper(int period) {
        Rsi.lookback(period);
        this.period = period;
    }

    private RsiStepper(RsiStepper other) {
        this.period = other.period;
        this.prev = other.prev;
        this.gain = other.gain;
        this.loss = other.loss;
    }

    @Override
    public void step(StepInputs in, int i, double[] out) {
        double price = in.x(i);
        if (i == 0) {
            prev = price;
            out[0] = Double.NaN;
            return;
        }
        double change = price - prev;
        prev = price;
        boolean seeding = i <= period;
        if (!seeding) {
            loss *= (period - 1);
            gain *= (period - 1);
        }
        long falling = Kernels.ifNegative(change);
        loss -= Kernels.select(falling, change);
        gain += Kernels.select(~falling, change);
        if (i < period) {
            out[0] = Double.NaN;
            return;
        }
        loss /= period;
        gain /= period;
        out[0] = Rsi.value(gain, loss);
    }

    @Override
    public Stepper copy() {
        return new RsiStepper(this);
    }
}
