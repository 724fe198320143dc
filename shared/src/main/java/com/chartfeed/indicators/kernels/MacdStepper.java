package com.chartfeed.indicators.kernels;

/**
 * {@link Macd} one candle at a time: the slow and fast seed sums (the fast one over the
 * {@code fast} candles ending at the slow EMA's first index, TA-Lib's quirk), the signal seed sum,
 * then the three recursions.
 */
public final class MacdStepper implements Stepper {
    private final int fast;
    private final int slow;
    private final int signal;
    private final int lookback;
    private final double kSlow;
    private final double kFast;
    private final double kSignal;
    private double slowSum;
    private double fastSum;
    private double signalSum;
    private double slowEma;
    private double fastEma;
    private double signalEma;

    public MacdStepper(int fast, int slow, int signal) {
        this.lookback = Macd.lookback(fast, slow, signal);
        this.fast = Math.min(fast, slow);
        this.slow = Math.max(fast, slow);
        this.signal = signal;
        this.kSlow = Ema.k(this.slow);
        this.kFast = Ema.k(this.fast);
        this.kSignal = Ema.k(signal);
    }

    private MacdStepper(MacdStepper other) {
        this.fast = other.fast;
        this.slow = other.slow;
        this.signal = other.signal;
        this.lookback = other.lookback;
        this.kSlow = other.kSlow;
        this.kFast = other.kFast;
        this.kSignal = other.kSignal;
        this.slowSum = other.slowSum;
        this.fastSum = other.fastSum;
        this.signalSum = other.signalSum;
        this.slowEma = other.slowEma;
        this.fastEma = other.fastEma;
        this.signalEma = other.signalEma;
    }

    @Override
    public void step(StepInputs in, int i, double[] out) {
        double price = in.x(i);
        if (i < slow) {
            slowSum += price;
            if (i >= slow - fast) {
                fastSum += price;
            }
            if (i == slow - 1) {
                slowEma = slowSum / slow;
                fastEma = fastSum / fast;
                signalSum = 0.0 + (fastEma - slowEma);
            }
            warmingUp(out);
            return;
        }
        slowEma = ((price - slowEma) * kSlow) + slowEma;
        fastEma = ((price - fastEma) * kFast) + fastEma;
        double line = fastEma - slowEma;
        if (i <= lookback) {
            signalSum += line;
            if (i < lookback) {
                warmingUp(out);
                return;
            }
            signalEma = signalSum / signal;
        } else {
            signalEma = ((line - signalEma) * kSignal) + signalEma;
        }
        out[0] = line;
        out[1] = signalEma;
        out[2] = line - signalEma;
    }

    private static void warmingUp(double[] out) {
        out[0] = Double.NaN;
        out[1] = Double.NaN;
        out[2] = Double.NaN;
    }

    @Override
    public Stepper copy() {
        return new MacdStepper(this);
    }
}
