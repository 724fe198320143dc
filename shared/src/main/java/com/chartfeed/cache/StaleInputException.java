package com.chartfeed.cache;

/**
 * Thrown by a loader whose value was computed from a {@code STALE} input (an indicator over
 * candles served from cache while the database is down). The value is answered as {@code STALE}
 * and not cached, so it can't pass for fresh once the database is back.
 */
public final class StaleInputException extends RuntimeException {
    private final transient Object value;
    private final long inputComputedAtMillis;

    public StaleInputException(Object value, long inputComputedAtMillis) {
        super("computed from stale input", null, false, false);
        this.value = value;
        this.inputComputedAtMillis = inputComputedAtMillis;
    }

    public Object value() {
        return value;
    }

    /** When the stale input was loaded: the value is as old as that. */
    public long inputComputedAtMillis() {
        return inputComputedAtMillis;
    }
}
