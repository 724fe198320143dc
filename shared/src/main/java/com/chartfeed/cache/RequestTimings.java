package com.chartfeed.cache;

/**
 * Where one request spent its time, for {@code Server-Timing}. One per request, filled by the
 * cache and the loaders it runs; not shared across threads while being filled.
 */
public final class RequestTimings {
    private long l1Nanos;
    private long l2Nanos;
    private long dbNanos;
    private long computeNanos;

    public void addL1(long nanos) {
        l1Nanos += nanos;
    }

    public void addL2(long nanos) {
        l2Nanos += nanos;
    }

    public void addDb(long nanos) {
        dbNanos += nanos;
    }

    public void addCompute(long nanos) {
        computeNanos += nanos;
    }

    /** {@code l1;dur=0.012, l2;dur=0.4, db;dur=3.1, compute;dur=0.8} (milliseconds). */
    public String serverTiming() {
        return "l1;dur=" + millis(l1Nanos) + ", l2;dur=" + millis(l2Nanos) + ", db;dur=" + millis(dbNanos)
                + ", compute;dur=" + millis(computeNanos);
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6);
    }
}
