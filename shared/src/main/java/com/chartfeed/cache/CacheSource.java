package com.chartfeed.cache;

/** Where an answer came from; the {@code X-Cache} header. */
public enum CacheSource {
    HIT_L1("HIT-L1"),
    HIT_L2("HIT-L2"),
    MISS("MISS"),
    /** Past its TTL or of an old generation, served because the database is unavailable. */
    STALE("STALE");

    private final String header;

    CacheSource(String header) {
        this.header = header;
    }

    public String header() {
        return header;
    }
}
