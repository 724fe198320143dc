package com.chartfeed.cache;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The reader's half of refresh-ahead: how often this container served each entry, per (symbol,
 * interval), counted for the whole fleet ({@link RedisRecentReads}) so that the invalidation
 * function knows which entries are hot. Without Redis nothing is counted ({@link NoRedis}).
 */
public interface RecentReads {

    /** Whether reads are counted: refresh-ahead is on and there is Redis to count them in. */
    boolean enabled();

    /** Counts one serving of {@code key}; costs next to nothing (it is on every lookup). */
    void record(CacheKey key);

    /**
     * Adds the counts recorded since the last flush to the fleet's. Completes with whether Redis
     * took them; nobody on a request's path waits for it.
     */
    CompletableFuture<Boolean> flush();

    /** Forgets the reads counted so far (SnapStart's priming), and flushes next a whole interval from now. */
    void reset();

    /** Each scope's current generation and its most read kinds, most read first. */
    record Recent(long[] generations, List<List<String>> kinds) {
    }

    /**
     * The generation of each of {@code scopes} and its {@code limit} most read kinds over the
     * windows {@code window} and {@code window - 1}; {@code null} if Redis failed.
     */
    @Nullable
    Recent recent(List<CacheKey.Scope> scopes, long window, int limit);
}
