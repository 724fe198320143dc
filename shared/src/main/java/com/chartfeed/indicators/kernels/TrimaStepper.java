package com.chartfeed.indicators.kernels;

/**
 * {@link Trima} one candle at a time: TA-Lib's seed of the triangle's two halves (summed from the
 * middle outwards) at the first value, then its three updates per candle, in the order each parity
 * of the period uses.
 */
public final class TrimaStepper implements Stepper {
    private final int lookback;
    private final boolean odd;
    private final int middleStart;
    private final double factor;
    private double numerator;
    private double numeratorSub;
    private double numeratorAdd;

    public TrimaStepper(int period) {
        this.lookback = Trima.lookback(period);
        this.odd = (period % 2) == 1;
        int half = period >> 1;
        this.middleStart = odd ? half : half - 1;
        this.factor = 1.0 / (odd ? (half + 1) * (half + 1) : half * (half + 1));
    }

    private TrimaStepper(TrimaStepper other) {
        this.lookback = other.lookback;
        this.odd = other.odd;
        this.middleStart = other.middleStart;
        this.factor = other.factor;
        this.numerator = other.numerator;
        this.numeratorSub = other.numeratorSub;
        this.numeratorAdd = other.numeratorAdd;
    }

    @Override
    public void step(StepInputs in, int i, double[] out) {
        if (i < lookback) {
            out[0] = Double.NaN;
            return;
        }
        if (i == lookback) {
            for (int j = middleStart; j >= 0; j--) {
                numeratorSub += in.x(j);
                numerator += numeratorSub;
            }
            for (int j = middleStart + 1; j <= lookback; j++) {
                numeratorAdd += in.x(j);
                numerator += numeratorAdd;
            }
            out[0] = numerator * factor;
            return;
        }
        double trailing = in.x(i - lookback - 1);
        double middle = in.x(middleStart + i - lookback);
        double today = in.x(i);
        numerator -= numeratorSub;
        numeratorSub -= trailing;
        numeratorSub += middle;
        if (odd) {
            numerator += numeratorAdd;
            numeratorAdd -= middle;
        } else {
            numeratorAdd -= middle;
            numerator += numeratorAdd;
        }
        numeratorAdd += today;
        numerator += today;
        out[0] = numerator * factor;
    }

    @Override
    public Stepper copy() {
        return new TrimaStepper(this);
    }
}
