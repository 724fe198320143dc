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
    /** Candle rows a patched load read (the delta), or -1 when no load of this request patched. */
    private long patchedRows = -1;

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

    /** A load patched cached candles with {@code rows} rows read from the database. */
    public void addPatch(long rows) {
        patchedRows = Math.max(0, patchedRows) + rows;
    }

    /**
     * {@code l1;dur=0.012, l2;dur=0.4, db;dur=3.1, compute;dur=0.8}, and {@code patch;desc="rows=N"}
     * when a load patched cached candles instead of reading the history (its {@code X-Cache} stays
     * {@code MISS}: clients read that header).
     */
    public String serverTiming() {
        String timing = basicServerTiming();
        return patchedRows < 0 ? timing : timing + ", patch;desc=\"rows=" + patchedRows + "\"";
    }

    /** {@code l1;dur=0.012, l2;dur=0.4, db;dur=3.1, compute;dur=0.8} (milliseconds). */
    private String basicServerTiming() {
        return "l1;dur=" + millis(l1Nanos) + ", l2;dur=" + millis(l2Nanos) + ", db;dur=" + millis(dbNanos)
                + ", compute;dur=" + millis(computeNanos);
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6);
    }
}
