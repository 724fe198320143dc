package com.chartfeed.indicators.kernels;

/**
 * {@link HullMa} one candle at a time: {@link WmaStepper}s of period/2 and period over the price,
 * and one of sqrt(period) over {@code 2 * half - full} from the candle where both exist, whose last
 * values are kept in a ring for the trailing value the weighted average drops.
 */
public final class HullStepper implements Stepper {
    private final int start;
    private final int lookback;
    private final Stepper half;
    private final Stepper full;
    private final Stepper smooth;
    private final double[] raw;
    private final double[] value = new double[1];

    public HullStepper(int period) {
        this(period - 1, HullMa.lookback(period), new WmaStepper(period / 2), new WmaStepper(period),
                new WmaStepper(HullMa.lookback(period) - (period - 1) + 1, period - 1),
                new double[HullMa.lookback(period) - (period - 1) + 2]);
    }

    private HullStepper(int start, int lookback, Stepper half, Stepper full, Stepper smooth, double[] raw) {
        this.start = start;
        this.lookback = lookback;
        this.half = half;
        this.full = full;
        this.smooth = smooth;
        this.raw = raw;
    }

    @Override
    public void step(StepInputs in, int i, double[] out) {
        half.step(in, i, value);
        double halfValue = value[0];
        full.step(in, i, value);
        double fullValue = value[0];
        if (i < start) {
            out[0] = Double.NaN;
            return;
        }
        raw[i % raw.length] = 2 * halfValue - fullValue;
        smooth.step(in.withSource(j -> raw[j % raw.length]), i, out);
        if (i < lookback) {
            out[0] = Double.NaN;
        }
    }

    @Override
    public long sizeInBytes() {
        return 64L + 3 * 64L + 16L + 8L * raw.length;
    }

    @Override
    public Stepper copy() {
        return new HullStepper(start, lookback, half.copy(), full.copy(), smooth.copy(), raw.clone());
    }
}
