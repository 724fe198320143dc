package com.chartfeed.indicators.kernels;

/**
 * {@link Kama} one candle at a time: the path length of the first {@code period} steps, then
 * TA-Lib's sliding of it by the step between the previous and the new trailing value, and the
 * adaptive recursion.
 */
public final class KamaStepper implements Stepper {
    private final int period;
    private double sumRoc1;
    private double trailingValue;
    private double kama;

    public KamaStepper(int period) {
        Kama.lookback(period);
        this.period = period;
    }

    private KamaStepper(KamaStepper other) {
        this.period = other.period;
        this.sumRoc1 = other.sumRoc1;
        this.trailingValue = other.trailingValue;
        this.kama = other.kama;
    }

    @Override
    public void step(StepInputs in, int i, double[] out) {
        double price = in.x(i);
        if (i <= period) {
            if (i > 0) {
                double step = in.x(i - 1);
                step -= price;
                sumRoc1 += Math.abs(step);
            }
            if (i < period) {
                out[0] = Double.NaN;
                return;
            }
            kama = in.x(period - 1);
            trailingValue = in.x(0);
            double periodRoc = price - trailingValue;
            kama = Kama.step(price, kama, Kama.smoothing(periodRoc, sumRoc1));
            out[0] = kama;
            return;
        }
        double oldest = in.x(i - period);
        double periodRoc = price - oldest;
        sumRoc1 -= Math.abs(trailingValue - oldest);
        sumRoc1 += Math.abs(price - in.x(i - 1));
        trailingValue = oldest;
        kama = Kama.step(price, kama, Kama.smoothing(periodRoc, sumRoc1));
        out[0] = kama;
    }

    @Override
    public Stepper copy() {
        return new KamaStepper(this);
    }
}
