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
    public void step(StepInputs in, int i, double[][] out) {
        StepInputs closes = new StepInputs(j -> in.close()[j], in.high(), in.low(), in.close(), in.volume());
        ema.step(closes, i, new double[][] {out[1]});
        atr.step(closes, i, new double[][] {out[0]});
        if (i < lookback) {
            out[0][i] = Double.NaN;
            out[1][i] = Double.NaN;
            out[2][i] = Double.NaN;
            return;
        }
        double middle = out[1][i];
        double range = out[0][i];
        out[0][i] = middle + multiplier * range;
        out[2][i] = middle - multiplier * range;
    }

    @Override
    public Stepper copy() {
        return new KeltnerStepper(lookback, multiplier, ema.copy(), atr.copy());
    }
}
