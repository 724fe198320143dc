package com.chartfeed.cache;

import java.util.Map;
import java.util.function.Function;

/**
 * This container's share of the fleet-wide counter totals: {@link RedisFleetStats} adds its
 * counters to them in Redis; without Redis there are none ({@link NoRedis}).
 */
public interface FleetStats {

    /** Starts adding what was counted to the fleet totals if the interval has passed; one comparison otherwise. */
    void maybeFlush();

    /**
     * Stops flushing until {@link #reset()}: SnapStart's priming runs before the snapshot, and
     * nothing it counts is the fleet's.
     */
    void hold();

    /**
     * Starts over after {@link CacheStats#reset()}: nothing flushed yet, the next flush a whole
     * interval away, flushing no longer held. Called by SnapStart's restore hook, so that every
     * container restored from one snapshot adds only what it counted itself.
     */
    void reset();

    /**
     * The {@code fleet} part of {@code GET /v1/cache/stats}: this container's counters added first
     * (waiting at most the command deadline), then the totals as {@code summary} shows them, or
     * {@code available: false} and why.
     */
    Map<String, Object> report(Function<Map<String, Long>, Map<String, Object>> summary);
}
