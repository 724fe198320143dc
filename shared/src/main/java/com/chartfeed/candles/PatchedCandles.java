package com.chartfeed.candles;

/**
 * A history after a delta was applied, and the index of the first row that differs from the
 * history before: rows {@code [0, firstChanged)} are the same rows, same values, same indices, so a
 * series over them is still valid up to there. {@code firstChanged == candles.size()} when the delta
 * changed nothing.
 */
public record PatchedCandles(LiveCandles candles, int firstChanged) {

    public PatchedCandles {
        if (firstChanged < 0 || firstChanged > candles.size()) {
            throw new IllegalArgumentException("first changed row " + firstChanged + " outside [0, "
                    + candles.size() + "]");
        }
    }

    /** Whether any row differs from the history the delta was applied to. */
    public boolean changed() {
        return firstChanged < candles.size();
    }
}
