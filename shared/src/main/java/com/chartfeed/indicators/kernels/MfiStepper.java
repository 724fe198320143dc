package com.chartfeed.indicators.kernels;

/**
 * {@link Mfi} one candle at a time: the money flows of the last {@code period} candles in the
 * kernel's ring, so the oldest is subtracted from the running sums exactly as the kernel does.
 * The state is two rings of {@code period} doubles.
 */
public final class MfiStepper implements Stepper {
    private final int period;
    private final double[] positive;
    private final double[] negative;
    private double positiveSum;
    private double negativeSum;
    private double prevTypical;
    private int slot;

    public MfiStepper(int period) {
        Mfi.lookback(period);
        this.period = period;
        this.positive = new double[period];
        this.negative = new double[period];
    }

    private MfiStepper(MfiStepper other) {
        this.period = other.period;
        this.positive = other.positive.clone();
        this.negative = other.negative.clone();
        this.positiveSum = other.positiveSum;
        this.negativeSum = other.negativeSum;
        this.prevTypical = other.prevTypical;
        this.slot = other.slot;
    }

    @Override
    public void step(StepInputs in, int i, double[] out) {
        double typical = (in.high(i) + in.low(i) + in.close(i)) / 3.0;
        if (i == 0) {
            prevTypical = typical;
            out[0] = Double.NaN;
            return;
        }
        double change = typical - prevTypical;
        prevTypical = typical;
        double flow = typical * in.volume(i);
        double up = Kernels.select(Kernels.ifPositive(change), flow);
        double down = Kernels.select(Kernels.ifNegative(change), flow);
        if (i <= period) {
            positive[i - 1] = up;
            negative[i - 1] = down;
            positiveSum += up;
            negativeSum += down;
            out[0] = i < period ? Double.NaN : Mfi.value(positiveSum, negativeSum);
            return;
        }
        positiveSum -= positive[slot];
        negativeSum -= negative[slot];
        positive[slot] = up;
        negative[slot] = down;
        positiveSum += up;
        negativeSum += down;
        slot = slot == period - 1 ? 0 : slot + 1;
        out[0] = Mfi.value(positiveSum, negativeSum);
    }

    @Override
    public long sizeInBytes() {
        return 64L + 2 * (16L + 8L * period);
    }

    @Override
    public Stepper copy() {
        return new MfiStepper(this);
    }
}
