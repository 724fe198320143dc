package com.chartfeed.indicators.kernels;

/** {@link Bbands} one candle at a time: its two running sums, each in the kernel's order. */
public final class BbandsStepper implements Stepper {
    private final int period;
    private final int lookback;
    private final double stddev;
    private double total;
    private double sumSquares;

    public BbandsStepper(int period, double stddev) {
        this.lookback = Bbands.lookback(period);
        this.period = period;
        this.stddev = stddev;
    }

    private BbandsStepper(BbandsStepper other) {
        this.period = other.period;
        this.lookback = other.lookback;
        this.stddev = other.stddev;
        this.total = other.total;
        this.sumSquares = other.sumSquares;
    }

    @Override
    public void step(StepInputs in, int i, double[] out) {
        double value = in.x(i);
        total += value;
        if (i < lookback) {
            sumSquares += value * value;
            out[0] = Double.NaN;
            out[1] = Double.NaN;
            out[2] = Double.NaN;
            return;
        }
        double mean = total / period;
        sumSquares += value * value;
        double variance = sumSquares / period;
        double oldest = in.x(i - lookback);
        total -= oldest;
        sumSquares -= oldest * oldest;
        variance -= mean * mean;
        double deviation = variance < 1e-8 ? 0.0 : Math.sqrt(variance);
        double width = deviation * stddev;
        out[0] = mean + width;
        out[1] = mean;
        out[2] = mean - width;
    }

    @Override
    public Stepper copy() {
        return new BbandsStepper(this);
    }
}
