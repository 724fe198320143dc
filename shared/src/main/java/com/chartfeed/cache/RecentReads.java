package com.chartfeed.cache;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The reader's half of refresh-ahead: which entries this container served, per (symbol, interval),
 * sent to Redis at most once per {@code cache.refresh-ahead.flush-interval} so that the invalidation
 * function (another container, which cannot see this one's L1) knows what to recompute.
 *
 * <p>Recording is on every lookup, L1 hits included, so it must cost next to nothing: a lock-free
 * {@code containsKey} on a key already pending, no allocation, no Redis. The flush runs on a
 * request's thread when due (a frozen Lambda container runs no timers) but does not wait for Redis:
 * the commands are pipelined and their replies ignored, failures only feed the breaker.
 */
@Singleton
public final class RecentReads {
    private final L2Cache l2;
    private final RefreshAheadSettings settings;
    private final boolean enabled;
    private final long intervalNanos;
    private final ConcurrentHashMap<CacheKey, Boolean> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private volatile long nextFlushNanos;

    public RecentReads(L2Cache l2, RefreshAheadSettings settings) {
        this.l2 = l2;
        this.settings = settings;
        this.enabled = settings.enabled() && l2.configured();
        this.intervalNanos = settings.flushInterval().toNanos();
        this.nextFlushNanos = System.nanoTime() + intervalNanos;
    }

    /** Notes that {@code key} was served; flushes if the interval has passed. */
    public void record(CacheKey key) {
        if (!enabled) {
            return;
        }
        if (!pending.containsKey(key)) {
            pending.put(key, Boolean.TRUE);
        }
        if (System.nanoTime() - nextFlushNanos >= 0) {
            flush();
        }
    }

    /**
     * Sends every key recorded since the last flush, scored with the time now, and trims each scope
     * to the most recent {@code kept-per-scope}. Completes with whether Redis took them; nobody on a
     * request's path waits for it.
     */
    public CompletableFuture<Boolean> flush() {
        if (!enabled || !flushing.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(false);
        }
        try {
            nextFlushNanos = System.nanoTime() + intervalNanos;
            Map<CacheKey.Scope, List<String>> byScope = new HashMap<>();
            for (CacheKey key : pending.keySet()) {
                pending.remove(key);
                byScope.computeIfAbsent(key.scope(), s -> new ArrayList<>()).add(key.kind());
            }
            if (byScope.isEmpty()) {
                return CompletableFuture.completedFuture(true);
            }
            return l2.recordReads(byScope, System.currentTimeMillis(), settings.keptPerScope(), settings.recentFor());
        } finally {
            flushing.set(false);
        }
    }

    @PreDestroy
    void flushOnShutdown() {
        flush();
    }
}
