package com.chartfeed.cache;

/** A cached value as a request got it: the entry and where it came from. */
public record Lookup<T>(CacheEntry<T> entry, CacheSource source) {

    public T value() {
        return entry.value();
    }
}
