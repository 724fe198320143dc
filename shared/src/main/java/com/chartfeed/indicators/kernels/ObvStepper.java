package com.chartfeed.indicators.kernels;

/** {@link Obv} one candle at a time: the running sum of signed volumes, from the first candle's volume. */
public final class ObvStepper implements Stepper {
    private double obv;
    private double prev;

    public ObvStepper() {
    }

    private ObvStepper(ObvStepper other) {
        this.obv = other.obv;
        this.prev = other.prev;
    }

    @Override
    public void step(StepInputs in, int i, double[] out) {
        double price = in.x(i);
        if (i == 0) {
            obv = in.volume(0);
            prev = price;
        }
        double change = price - prev;
        long rose = Kernels.ifPositive(change);
        long moved = rose | Kernels.ifNegative(change);
        long sign = ~rose & Long.MIN_VALUE;
        obv += Double.longBitsToDouble((Double.doubleToRawLongBits(in.volume(i)) & moved) ^ sign);
        out[0] = obv;
        prev = price;
    }

    @Override
    public Stepper copy() {
        return new ObvStepper(this);
    }
}
