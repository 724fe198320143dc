package com.chartfeed.indicators.kernels;

/**
 * MACD, as TA_MACD: fast EMA minus slow EMA, an EMA of that as the signal line, and their
 * difference as the histogram. Returns {macd, signal, hist}, all starting at the signal line's
 * first value.
 *
 * <p>TA-Lib quirks kept: the periods are swapped when slow &lt; fast, and the fast EMA is
 * seeded at the slow EMA's first index (the SMA of the {@code fast} values ending there), not
 * at the start of the data.
 *
 * <p>A signal period of 1 is rejected although TA-Lib declares it valid: its Java port throws
 * ArrayIndexOutOfBoundsException for it and its lookback comes out one short, so there is no
 * reference behaviour to match.
 */
public final class Macd {

    private Macd() {
    }

    public static int lookback(int fast, int slow, int signal) {
        Kernels.checkPeriod("fast period", fast, 2);
        Kernels.checkPeriod("slow period", slow, 2);
        Kernels.checkPeriod("signal period", signal, 2);
        return (Math.max(fast, slow) - 1) + (signal - 1);
    }

    public static double[][] compute(double[] in, int fast, int slow, int signal) {
        int lookback = lookback(fast, slow, signal);
        if (slow < fast) {
            int swap = slow;
            slow = fast;
            fast = swap;
        }
        int n = in.length;
        double[] macd = Kernels.output(n, lookback);
        double[] sig = Kernels.output(n, lookback);
        double[] hist = Kernels.output(n, lookback);
        if (n <= lookback) {
            return new double[][] {macd, sig, hist};
        }
        // The slow, fast and signal EMAs advance in one pass with no intermediate columns: per
        // EMA the same operations in the same order as TA-Lib's separate passes, but the three
        // recurrences overlap in the CPU.
        double kSlow = Ema.k(slow);
        double kFast = Ema.k(fast);
        double kSignal = Ema.k(signal);
        int first = slow - 1;
        double slowSum = 0.0;
        for (int i = 0; i < slow; i++) {
            slowSum += in[i];
        }
        double slowEma = slowSum / slow;
        // TA-Lib seeds the fast EMA at the slow one's first index, from the `fast` values ending there.
        double fastSum = 0.0;
        for (int i = slow - fast; i < slow; i++) {
            fastSum += in[i];
        }
        double fastEma = fastSum / fast;
        double line = fastEma - slowEma;
        double signalSum = 0.0 + line; // TA-Lib's sums start at 0.0 (which turns a -0.0 into +0.0)
        int today = first + 1;
        while (today <= lookback) {
            double price = in[today++];
            slowEma = ((price - slowEma) * kSlow) + slowEma;
            fastEma = ((price - fastEma) * kFast) + fastEma;
            line = fastEma - slowEma;
            signalSum += line;
        }
        double signalEma = signalSum / signal;
        macd[lookback] = line;
        sig[lookback] = signalEma;
        hist[lookback] = line - signalEma;
        while (today < n) {
            double price = in[today];
            slowEma = ((price - slowEma) * kSlow) + slowEma;
            fastEma = ((price - fastEma) * kFast) + fastEma;
            line = fastEma - slowEma;
            signalEma = ((line - signalEma) * kSignal) + signalEma;
            macd[today] = line;
            sig[today] = signalEma;
            hist[today++] = line - signalEma;
        }
        return new double[][] {macd, sig, hist};
    }
}
