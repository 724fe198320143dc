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
        int first = slow - 1;
        double[] slowEma = new double[n];
        double[] line = new double[n];
        Ema.emaInto(in, 0, n, slow, Ema.k(slow), slowEma);
        Ema.emaInto(in, slow - fast, n, fast, Ema.k(fast), line);
        for (int i = first; i < n; i++) {
            line[i] = line[i] - slowEma[i];
        }
        // The signal EMA only writes from first + signal - 1 == lookback on.
        Ema.emaInto(line, first, n, signal, Ema.k(signal), sig);
        for (int i = lookback; i < n; i++) {
            macd[i] = line[i];
            hist[i] = line[i] - sig[i];
        }
        return new double[][] {macd, sig, hist};
    }
}
