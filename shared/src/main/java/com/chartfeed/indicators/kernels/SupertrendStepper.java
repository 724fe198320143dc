package com.chartfeed.indicators.kernels;

/**
 * {@link Supertrend} one candle at a time: an {@link AtrStepper}, and the final bands and the
 * direction carried from the candle before, as the kernel carries them.
 */
public final class SupertrendStepper implements Stepper {
    private final int lookback;
    private final double multiplier;
    private final Stepper atr;
    private final double[] range = new double[1];
    private double upper;
    private double lower;
    private boolean up;

    public SupertrendStepper(int period, double multiplier) {
        this(Supertrend.lookback(period), multiplier, new AtrStepper(period, false));
    }

    private SupertrendStepper(int lookback, double multiplier, Stepper atr) {
        this.lookback = lookback;
        this.multiplier = multiplier;
        this.atr = atr;
    }

    @Override
    public void step(StepInputs in, int i, double[] out) {
        atr.step(in, i, range);
        if (i < lookback) {
            out[0] = Double.NaN;
            out[1] = Double.NaN;
            return;
        }
        double mid = (in.high(i) + in.low(i)) / 2;
        double basicUpper = mid + multiplier * range[0];
        double basicLower = mid - multiplier * range[0];
        if (i == lookback) {
            upper = basicUpper;
            lower = basicLower;
        } else {
            double prevClose = in.close(i - 1);
            double close = in.close(i);
            upper = basicUpper < upper || prevClose > upper ? basicUpper : upper;
            lower = basicLower > lower || prevClose < lower ? basicLower : lower;
            up = up ? close >= lower : close > upper;
        }
        out[0] = up ? lower : upper;
        out[1] = up ? 1 : -1;
    }

    @Override
    public long sizeInBytes() {
        return 64L + atr.sizeInBytes();
    }

    @Override
    public Stepper copy() {
        SupertrendStepper copy = new SupertrendStepper(lookback, multiplier, atr.copy());
        copy.upper = upper;
        copy.lower = lower;
        copy.up = up;
        return copy;
    }
}
