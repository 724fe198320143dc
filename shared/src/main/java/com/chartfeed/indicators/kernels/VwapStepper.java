package com.chartfeed.indicators.kernels;

/** {@link Vwap} one candle at a time: the sums since the anchor, reset where the anchored period changes. */
public final class VwapStepper implements Stepper {
    private final Vwap.Anchor anchor;
    private long lastDay;
    private long period;
    private double priceVolume;
    private double cumulativeVolume;

    public VwapStepper(Vwap.Anchor anchor) {
        this.anchor = anchor;
    }

    private VwapStepper(VwapStepper other) {
        this.anchor = other.anchor;
        this.lastDay = other.lastDay;
        this.period = other.period;
        this.priceVolume = other.priceVolume;
        this.cumulativeVolume = other.cumulativeVolume;
    }

    @Override
    public void step(StepInputs in, int i, double[] out) {
        long day = Math.floorDiv(in.time(i), Vwap.SECONDS_PER_DAY);
        if (i == 0 || day != lastDay) {
            long next = anchor.period(day);
            if (i == 0 || next != period) {
                period = next;
                priceVolume = 0.0;
                cumulativeVolume = 0.0;
            }
            lastDay = day;
        }
        double typical = (in.high(i) + in.low(i) + in.close(i)) / 3.0;
        double volume = in.volume(i);
        priceVolume += typical * volume;
        cumulativeVolume += volume;
        out[0] = cumulativeVolume == 0.0 ? typical : priceVolume / cumulativeVolume;
    }

    @Override
    public Stepper copy() {
        return new VwapStepper(this);
    }
}
