package com.chartfeed.indicators.kernels;

/**
 * {@link Atr} (or {@link Natr}, normalized by the close) one candle at a time: the seed mean of
 * the first true ranges, then Wilder's smoothing; the raw true range with period 1, as both kernels.
 */
public final class AtrStepper implements Stepper {
    private final int period;
    private final boolean normalized;
    private double atr;

    public AtrStepper(int period, boolean normalized) {
        Atr.lookback(period);
        this.period = period;
        this.normalized = normalized;
    }

    private AtrStepper(AtrStepper other) {
        this.period = other.period;
        this.normalized = other.normalized;
        this.atr = other.atr;
    }

    @Override
    public void step(StepInputs in, int i, double[] out) {
        if (i == 0) {
            out[0] = Double.NaN;
            return;
        }
        double range = Atr.trueRange(in.high(i), in.low(i), in.close(i - 1));
        if (period == 1) {
            out[0] = range;
            return;
        }
        if (i <= period) {
            atr += range; // the seed sum, kept in atr until it is divided
            if (i < period) {
                out[0] = Double.NaN;
                return;
            }
            atr /= period;
        } else {
            atr = Atr.wilder(atr, range, period);
        }
        out[0] = normalized ? Natr.normalize(atr, in.close(i)) : atr;
    }

    @Override
    public Stepper copy() {
        return new AtrStepper(this);
    }
}
