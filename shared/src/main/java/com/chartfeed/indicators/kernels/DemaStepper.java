package com.chartfeed.indicators.kernels;

/** {@link Dema} one candle at a time: the outer EMA's seed, the inner one's seed, then both recursions. */
public final class DemaStepper implements Stepper {
    private final int period;
    private final int lookback;
    private final double k;
    private double sum;
    private double sum2;
    private double ema1;
    private double ema2;

    public DemaStepper(int period) {
        this.lookback = Dema.lookback(period);
        this.period = period;
        this.k = Ema.k(period);
    }

    private DemaStepper(DemaStepper other) {
        this.period = other.period;
        this.lookback = other.lookback;
        this.k = other.k;
        this.sum = other.sum;
        this.sum2 = other.sum2;
        this.ema1 = other.ema1;
        this.ema2 = other.ema2;
    }

    @Override
    public void step(StepInputs in, int i, double[] out) {
        double x = in.x(i);
        if (i < period) {
            sum += x;
            if (i == period - 1) {
                ema1 = sum / period;
                sum2 = 0.0 + ema1;
            }
            out[0] = Double.NaN;
            return;
        }
        ema1 = ((x - ema1) * k) + ema1;
        if (i <= lookback) {
            sum2 += ema1;
            if (i < lookback) {
                out[0] = Double.NaN;
                return;
            }
            ema2 = sum2 / period;
        } else {
            ema2 = ((ema1 - ema2) * k) + ema2;
        }
        out[0] = (2.0 * ema1) - ema2;
    }

    @Override
    public Stepper copy() {
        return new DemaStepper(this);
    }
}
