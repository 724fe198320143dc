package com.chartfeed.indicators.kernels;

/**
 * Highest high and lowest low of a sliding window, maintained the way TA-Lib's WILLR and
 * STOCH do it. One instance per call; the state is two doubles and two indices.
 */
final class WindowExtremes {
    private final double[] high;
    private final double[] low;
    private int highestIdx = -1;
    private int lowestIdx = -1;
    double highest;
    double lowest;

    WindowExtremes(double[] high, double[] low) {
        this.high = high;
        this.low = low;
    }

    /** Moves the window to [trailing, today]; calls must come with today increasing by 1. */
    void advance(int trailing, int today) {
        if (lowestIdx < trailing) {
            lowestIdx = trailing;
            lowest = low[trailing];
            for (int i = trailing + 1; i <= today; i++) {
                if (low[i] < lowest) {
                    lowestIdx = i;
                    lowest = low[i];
                }
            }
        } else if (low[today] <= lowest) {
            lowestIdx = today;
            lowest = low[today];
        }
        if (highestIdx < trailing) {
            highestIdx = trailing;
            highest = high[trailing];
            for (int i = trailing + 1; i <= today; i++) {
                if (high[i] > highest) {
                    highestIdx = i;
                    highest = high[i];
                }
            }
        } else if (high[today] >= highest) {
            highestIdx = today;
            highest = high[today];
        }
    }
}
