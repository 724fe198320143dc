package com.chartfeed.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.InstantSource;

/**
 * The two clocks the cache reads, passed in so tests control time: a monotonic ticker for
 * durations within one run, and the wall clock for the age of values (shared by every container,
 * and stored with each value). A Lambda container frozen between invocations may not advance the
 * monotonic clock while frozen, so anything trusted "for a while" must hold by both.
 */
@Singleton
final class CacheClock {
    private final Ticker ticker;
    private final InstantSource wall;

    @Inject
    CacheClock() {
        this(Ticker.systemTicker(), InstantSource.system());
    }

    CacheClock(Ticker ticker, InstantSource wall) {
        this.ticker = ticker;
        this.wall = wall;
    }

    /** Monotonic nanoseconds, for durations. */
    long nanos() {
        return ticker.read();
    }

    /** Wall-clock epoch milliseconds, for ages. */
    long millis() {
        return wall.millis();
    }

    Ticker ticker() {
        return ticker;
    }
}
