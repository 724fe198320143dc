package com.chartfeed.indicators.kernels;

/**
 * The index of the highest (or lowest) value of a sliding window in O(1) amortized per step, so a
 * window study costs O(n) whatever its period: a monotonic deque of the indices that can still
 * become the extreme (each is added and removed once), its front the extreme of the window.
 * Which index wins among equal values is part of a study's output (AROON reports it; TA-Lib's
 * studies return the value at it, which for -0.0 and 0.0 differs), so it is chosen:
 * {@link Ties#NEWEST} or {@link Ties#OLDEST}. Values are compared with {@code <} and {@code >},
 * as TA-Lib does; the studies run over finite prices, so NaN needs no rule.
 *
 * <p>One instance per column and call; its memory is one int per bar of the window.
 */
final class SlidingExtreme {

    /** Which of several equal extremes is the window's extreme. */
    enum Ties {
        /** The latest one (TA-Lib's AROON, whose scans compare with {@code >=} and {@code <=}). */
        NEWEST,
        /** The earliest one (a scan from the oldest bar comparing with {@code >} and {@code <}). */
        OLDEST
    }

    private final double[] values;
    private final boolean highest;
    private final boolean newest;
    /** Ring buffer of candidate indices, increasing from head; their values non-increasing for the highest. */
    private final int[] ring;
    private int head;
    private int size;
    private int next;

    private SlidingExtreme(double[] values, int window, boolean highest, Ties ties) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, was " + window);
        }
        this.values = values;
        this.highest = highest;
        this.newest = ties == Ties.NEWEST;
        this.ring = new int[window];
    }

    /** The highest value of windows of at most {@code window} bars of {@code values}. */
    static SlidingExtreme highest(double[] values, int window, Ties ties) {
        return new SlidingExtreme(values, window, true, ties);
    }

    /** The lowest value of windows of at most {@code window} bars of {@code values}. */
    static SlidingExtreme lowest(double[] values, int window, Ties ties) {
        return new SlidingExtreme(values, window, false, ties);
    }

    /**
     * Moves the window to [{@code trailing}, {@code today}] and returns the index of its extreme.
     * Both ends only move forward, {@code today} by any step from the previous call (the first call
     * takes in every bar up to it), and the window holds at most the bars given at construction.
     */
    int advance(int trailing, int today) {
        if (today - trailing >= ring.length || trailing > today) {
            throw new IllegalArgumentException(
                    "window [" + trailing + ", " + today + "] is not 1 to " + ring.length + " bars long");
        }
        // Out of the window first, so the ring never holds more than the window's bars.
        while (size > 0 && ring[head] < trailing) {
            head = head + 1 == ring.length ? 0 : head + 1;
            size--;
        }
        next = Math.max(next, trailing);
        while (next <= today) {
            push(next++);
        }
        return ring[head];
    }

    private void push(int index) {
        double value = values[index];
        int capacity = ring.length;
        while (size > 0) {
            int last = head + size - 1;
            double candidate = values[ring[last >= capacity ? last - capacity : last]];
            if (!dominated(candidate, value)) {
                break;
            }
            size--;
        }
        int tail = head + size;
        ring[tail >= capacity ? tail - capacity : tail] = index;
        size++;
    }

    /** Whether an earlier value can never again be the extreme once {@code value} has come. */
    private boolean dominated(double earlier, double value) {
        if (highest) {
            return newest ? earlier <= value : earlier < value;
        }
        return newest ? earlier >= value : earlier > value;
    }
}
