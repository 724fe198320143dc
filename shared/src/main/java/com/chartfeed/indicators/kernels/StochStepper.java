package com.chartfeed.indicators.kernels;

/**
 * {@link Stoch} one candle at a time: the fast %K from the window's extremes (exact however they
 * are found), then the slow %K and %D as {@link Sma#smaInto}'s running sums over the stage before,
 * whose last values are kept in rings to be dropped when they leave the window.
 */
public final class StochStepper implements Stepper {
    private final int fastK;
    private final int slowK;
    private final int slowD;
    private final int lookback;
    private final Stage kStage;
    private final Stage dStage;

    public StochStepper(int fastK, int slowK, int slowD) {
        this(fastK, slowK, slowD, new Stage(slowK), new Stage(slowD));
    }

    private StochStepper(int fastK, int slowK, int slowD, Stage kStage, Stage dStage) {
        this.lookback = Stoch.lookback(fastK, slowK, slowD);
        this.fastK = fastK;
        this.slowK = slowK;
        this.slowD = slowD;
        this.kStage = kStage;
        this.dStage = dStage;
    }

    @Override
    public void step(StepInputs in, int i, double[] out) {
        int kStart = fastK - 1;
        out[0] = Double.NaN;
        out[1] = Double.NaN;
        if (i < kStart) {
            return;
        }
        double highest = in.high(i - kStart);
        double lowest = in.low(i - kStart);
        for (int j = i - kStart + 1; j <= i; j++) {
            highest = Math.max(highest, in.high(j));
            lowest = Math.min(lowest, in.low(j));
        }
        double diff = (highest - lowest) / 100.0;
        double raw = diff != 0.0 ? (in.close(i) - lowest) / diff : 0.0;
        double k = slowK == 1 ? raw : kStage.step(i - kStart, raw);
        int dStart = kStart + slowK - 1;
        if (i < dStart) {
            return;
        }
        double d = slowD == 1 ? k : dStage.step(i - dStart, k);
        if (i >= lookback) {
            out[0] = k;
            out[1] = d;
        }
    }

    @Override
    public long sizeInBytes() {
        return 64L + 2 * 48L + 8L * (slowK + slowD);
    }

    @Override
    public Stepper copy() {
        return new StochStepper(fastK, slowK, slowD, kStage.copy(), dStage.copy());
    }

    /** One {@code Sma.smaInto} over a stream of values, the last {@code period} of them in a ring. */
    private static final class Stage {
        private final int period;
        private final double[] ring;
        private double total;

        Stage(int period) {
            this.period = period;
            this.ring = new double[period];
        }

        /** The SMA at the stream's {@code j}th value, NaN before the window fills. */
        double step(int j, double value) {
            ring[j % period] = value;
            total += value;
            if (j < period - 1) {
                return Double.NaN;
            }
            double windowSum = total;
            total -= ring[(j + 1) % period];
            return windowSum / period;
        }

        Stage copy() {
            Stage copy = new Stage(period);
            System.arraycopy(ring, 0, copy.ring, 0, period);
            copy.total = total;
            return copy;
        }
    }
}
