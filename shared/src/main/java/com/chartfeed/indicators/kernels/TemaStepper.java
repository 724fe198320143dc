package com.chartfeed.indicators.kernels;

/** {@link Tema} one candle at a time: three nested seeds, each from the one before, then three recursions. */
public final class TemaStepper implements Stepper {
    private final int period;
    private final int secondSeeded;
    private final int lookback;
    private final double k;
    private double sum;
    private double sum2;
    private double sum3;
    private double ema1;
    private double ema2;
    private double ema3;

    public TemaStepper(int period) {
        this.lookback = Tema.lookback(period);
        this.period = period;
        this.secondSeeded = 2 * (period - 1);
        this.k = Ema.k(period);
    }

    private TemaStepper(TemaStepper other) {
        this.period = other.period;
        this.secondSeeded = other.secondSeeded;
        this.lookback = other.lookback;
        this.k = other.k;
        this.sum = other.sum;
        this.sum2 = other.sum2;
        this.sum3 = other.sum3;
        this.ema1 = other.ema1;
        this.ema2 = other.ema2;
        this.ema3 = other.ema3;
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
        if (i <= secondSeeded) {
            sum2 += ema1;
            if (i == secondSeeded) {
                ema2 = sum2 / period;
                sum3 = 0.0 + ema2;
            }
            out[0] = Double.NaN;
            return;
        }
        ema2 = ((ema1 - ema2) * k) + ema2;
        if (i <= lookback) {
            sum3 += ema2;
            if (i < lookback) {
                out[0] = Double.NaN;
                return;
            }
            ema3 = sum3 / period;
        } else {
            ema3 = ((ema2 - ema3) * k) + ema3;
        }
        out[0] = ema3 + ((3.0 * ema1) - (3.0 * ema2));
    }

    @Override
    public Stepper copy() {
        return new TemaStepper(this);
    }
}
