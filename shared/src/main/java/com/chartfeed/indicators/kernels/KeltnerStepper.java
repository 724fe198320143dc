package com.chartfeed.indicators.kernels;

/**
 * {@link Keltner} one candle at a time: an {@link EmaStepper} of the close (the middle band) and an
 * {@link AtrStepper}, combined as the kernel combines its two columns.
 */
public final class KeltnerStepper implements Stepper {
    private final int lookback;
    private final double multiplier;
    private final Stepper ema;
    private final Stepper atr;
    private final double[] middle = new double[1];
    private final double[] range = new double[1];

    public KeltnerStepper(int period, double multiplier, int atrPeriod) {
        this(Keltner.lookback(period, atrPeriod), multiplier, new EmaStepper(period), new AtrStepper(atrPeriod, false));
    }

    private KeltnerStepper(int lookback, double multiplier, Stepper ema, Stepper atr) {
        this.lookback = lookback;
        this.multiplier = multiplier;
        this.ema = ema;
        this.atr = atr;
    }

    @Override
    public void step(StepInputs in, int i, double[] out) {
        ema.step(in.withSource(in::close), i, middle);
        atr.step(in, i, range);
        if (i < lookback) {
            out[0] = Double.NaN;
            out[1] = Double.NaN;
            out[2] = Double.NaN;
            return;
        }
        out[0] = middle[0] + multiplier * range[0];
        out[1] = middle[0];
        out[2] = middle[0] - multiplier * range[0];
    }

    @Override
    public long sizeInBytes() {
        return 64L + ema.sizeInBytes() + atr.sizeInBytes();
    }

    @Override
    public Stepper copy() {
        return new KeltnerStepper(lookback, multiplier, ema.copy(), atr.copy());
    }
}
