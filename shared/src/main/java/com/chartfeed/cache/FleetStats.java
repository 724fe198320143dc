package com.chartfeed.cache;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Adds this container's counters to the fleet-wide totals in Redis (one hash, HINCRBY pipelined),
 * at most once per {@code cache.stats-flush-interval} and never on every request. It runs on a
 * request's thread when due rather than on a timer: a frozen Lambda container runs no timers.
 */
@Singleton
public final class FleetStats {
    private final CacheStats stats;
    private final L2Cache l2;
    private final long intervalNanos;
    private final AtomicBoolean flushing = new AtomicBoolean();
    private volatile long nextFlushNanos;
    private volatile boolean held;
    private Map<String, Long> flushed = new LinkedHashMap<>();

    public FleetStats(CacheStats stats, L2Cache l2, CacheSettings settings) {
        this.stats = stats;
        this.l2 = l2;
        this.intervalNanos = settings.statsFlushInterval().toNanos();
        this.nextFlushNanos = System.nanoTime() + intervalNanos;
    }

    /** Flushes if the interval has passed; costs one comparison otherwise. */
    public void maybeFlush() {
        if (System.nanoTime() - nextFlushNanos >= 0 && l2.configured()) {
            flush();
        }
    }

    /** Adds everything counted since the last successful flush. */
    public void flush() {
        if (held || !flushing.compareAndSet(false, true)) {
            return;
        }
        try {
            nextFlushNanos = System.nanoTime() + intervalNanos;
            Map<String, Long> now = stats.counters();
            Map<String, Long> deltas = new LinkedHashMap<>();
            now.forEach((name, value) -> deltas.put(name, value - flushed.getOrDefault(name, 0L)));
            if (l2.addToFleet(deltas)) {
                flushed = now;
            }
        } finally {
            flushing.set(false);
        }
    }

    /**
     * Stops flushing until {@link #reset()}: SnapStart's priming runs before the snapshot, and
     * nothing it counts is the fleet's (the cache-stats function's priming even asks for a flush).
     */
    public void hold() {
        held = true;
    }

    /**
     * Starts over after {@link CacheStats#reset()}: nothing flushed yet, the next flush a whole
     * interval away, flushing no longer held. Called by SnapStart's restore hook, so that every
     * container restored from one snapshot adds only what it counted itself.
     */
    public void reset() {
        flushed = new LinkedHashMap<>();
        nextFlushNanos = System.nanoTime() + intervalNanos;
        held = false;
    }

    @PreDestroy
    void flushOnShutdown() {
        if (l2.configured()) {
            flush();
        }
    }
}
