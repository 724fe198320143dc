package com.chartfeed.indicators;

import java.util.Arrays;

/**
 * The part of a series a request wants: points with {@code from <= t <= to}, the last {@code limit}
 * of them. Windows only slice cached series; they never make cache keys.
 */
public record Window(int limit, long from, long to) {
    public static final int DEFAULT_LIMIT = 500;
    public static final int MAX_LIMIT = 5_000;

    public static Window last(int limit) {
        return new Window(limit, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * The index range {@code [start, end)} of {@code t} (ascending) this window selects, never
     * starting before {@code firstDefined}.
     */
    public int[] range(long[] t, int firstDefined) {
        int end = upperBound(t, to);
        int start = Math.max(firstDefined, lowerBound(t, from));
        start = Math.max(start, end - limit);
        return start >= end ? new int[] {0, 0} : new int[] {start, end};
    }

    private static int lowerBound(long[] t, long value) {
        if (value == Long.MIN_VALUE) {
            return 0;
        }
        int i = Arrays.binarySearch(t, value);
        return i >= 0 ? i : -i - 1;
    }

    private static int upperBound(long[] t, long value) {
        if (value == Long.MAX_VALUE) {
            return t.length;
        }
        int i = Arrays.binarySearch(t, value);
        return i >= 0 ? i + 1 : -i - 1;
    }
}
