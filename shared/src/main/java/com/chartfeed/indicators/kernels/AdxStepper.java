package com.chartfeed.indicators.kernels;

/**
 * {@link Adx} one candle at a time: the directional movements and true range summed over the first
 * {@code period - 1} candles, then smoothed while the first {@code period} DX values are summed,
 * then ADX's Wilder smoothing.
 */
public final class AdxStepper implements Stepper {
    private final int period;
    private double plusDm;
    private double minusDm;
    private double tr;
    private double sumDx;
    private double adx;

    public AdxStepper(int period) {
        Adx.lookback(period);
        this.period = period;
    }

    private AdxStepper(AdxStepper other) {
        this.period = other.period;
        this.plusDm = other.plusDm;
        this.minusDm = other.minusDm;
        this.tr = other.tr;
        this.sumDx = other.sumDx;
        this.adx = other.adx;
    }

    @Override
    public void step(StepInputs in, int i, double[] out) {
        if (i == 0) {
            out[0] = Double.NaN;
            return;
        }
        double high = in.high(i);
        double low = in.low(i);
        double diffPlus = high - in.high(i - 1);
        double diffMinus = in.low(i - 1) - low;
        double range = Atr.trueRange(high, low, in.close(i - 1));
        if (i < period) {
            minusDm += Adx.directional(diffMinus, diffPlus);
            plusDm += Adx.directional(diffPlus, diffMinus);
            tr += range;
            out[0] = Double.NaN;
            return;
        }
        minusDm -= minusDm / period;
        plusDm -= plusDm / period;
        minusDm += Adx.directional(diffMinus, diffPlus);
        plusDm += Adx.directional(diffPlus, diffMinus);
        tr = tr - (tr / period) + range;
        boolean seeding = i < 2 * period;
        if (!Kernels.isZero(tr)) {
            double minusDi = 100.0 * (minusDm / tr);
            double plusDi = 100.0 * (plusDm / tr);
            double diSum = minusDi + plusDi;
            if (!Kernels.isZero(diSum)) {
                double dx = 100.0 * (Math.abs(minusDi - plusDi) / diSum);
                if (seeding) {
                    sumDx += dx;
                } else {
                    adx = ((adx * (period - 1)) + dx) / period;
                }
            }
        }
        if (i < 2 * period - 1) {
            out[0] = Double.NaN;
            return;
        }
        if (seeding) {
            adx = sumDx / period;
        }
        out[0] = adx;
    }

    @Override
    public Stepper copy() {
        return new AdxStepper(this);
    }
}
