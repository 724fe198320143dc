package com.chartfeed.indicators.kernels;

/**
 * Highest high and lowest low of a sliding window, at the very indices TA-Lib's WILLR, STOCH and
 * STOCHF hold: they keep the index of each extreme and rescan the window (keeping the oldest of
 * equal values) only when it leaves, else move it to the newest bar when that bar equals or
 * passes it. The rescan is O(period), O(n·period) on a steady trend; here it is the front of an
 * oldest-first {@link SlidingExtreme}, so the whole run is O(n). One instance per call.
 */
final class WindowExtremes {
    private final double[] high;
    private final double[] low;
    private final SlidingExtreme highScan;
    private final SlidingExtreme lowScan;
    private int highestIdx = -1;
    private int lowestIdx = -1;
    double highest;
    double lowest;

    /** For windows of at most {@code window} bars. */
    WindowExtremes(double[] high, double[] low, int window) {
        this.high = high;
        this.low = low;
        this.highScan = SlidingExtreme.highest(high, window, SlidingExtreme.Ties.OLDEST);
        this.lowScan = SlidingExtreme.lowest(low, window, SlidingExtreme.Ties.OLDEST);
    }

    /** Moves the window to [trailing, today]; calls must come with today increasing by 1. */
    void advance(int trailing, int today) {
        int oldestLow = lowScan.advance(trailing, today);
        int oldestHigh = highScan.advance(trailing, today);
        if (lowestIdx < trailing) {
            lowestIdx = oldestLow;
        } else if (low[today] <= lowest) {
            lowestIdx = today;
        }
        lowest = low[lowestIdx];
        if (highestIdx < trailing) {
            highestIdx = oldestHigh;
        } else if (high[today] >= highest) {
            highestIdx = today;
        }
        highest = high[highestIdx];
    }
}
