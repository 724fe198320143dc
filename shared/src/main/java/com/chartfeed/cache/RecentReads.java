package com.chartfeed.cache;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The reader's half of refresh-ahead: how often this container served each entry, per (symbol,
 * interval), added to the fleet's counts in Redis at most once per
 * {@code cache.refresh-ahead.flush-interval}, so that the invalidation function (another container,
 * which cannot see this one's L1) knows which entries are hot.
 *
 * <p>Recording is on every lookup, L1 hits included, so it must cost next to nothing: a lock-free
 * map read and a striped counter increment for a key already seen since the last flush, no
 * allocation, no Redis. The flush runs on a request's thread when due (a frozen Lambda container
 * runs no timers) but does not wait for Redis: the commands are pipelined and their replies
 * ignored; failures only feed the breaker.
 */
@Singleton
public final class RecentReads {
    private final L2Cache l2;
    private final RefreshAheadSettings settings;
    private final boolean enabled;
    private final long intervalNanos;
    private final ConcurrentHashMap<CacheKey, LongAdder> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private volatile long nextFlushNanos;

    public RecentReads(L2Cache l2, RefreshAheadSettings settings) {
        this.l2 = l2;
        this.settings = settings;
        this.enabled = settings.enabled() && l2.configured();
        this.intervalNanos = settings.flushInterval().toNanos();
        this.nextFlushNanos = System.nanoTime() + intervalNanos;
    }

    /** Counts one serving of {@code key}; flushes if the interval has passed. */
    public void record(CacheKey key) {
        if (!enabled) {
            return;
        }
        LongAdder reads = pending.get(key);
        if (reads == null) {
            reads = pending.computeIfAbsent(key, k -> new LongAdder());
        }
        reads.increment();
        if (System.nanoTime() - nextFlushNanos >= 0) {
            flush();
        }
    }

    /**
     * Adds the counts recorded since the last flush to the current window's counts in Redis.
     * Completes with whether Redis took them; nobody on a request's path waits for it.
     */
    public CompletableFuture<Boolean> flush() {
        if (!enabled || !flushing.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(false);
        }
        try {
            nextFlushNanos = System.nanoTime() + intervalNanos;
            Map<CacheKey.Scope, Map<String, Long>> byScope = new HashMap<>();
            for (CacheKey key : pending.keySet()) {
                // A read counted into an adder just removed may be lost: one count, nothing more.
                LongAdder reads = pending.remove(key);
                if (reads != null) {
                    byScope.computeIfAbsent(key.scope(), s -> new HashMap<>()).put(key.kind(), reads.sum());
                }
            }
            if (byScope.isEmpty()) {
                return CompletableFuture.completedFuture(true);
            }
            return l2.recordReads(byScope, settings.window(System.currentTimeMillis()), settings.keptPerScope(),
                    settings.recentFor().multipliedBy(2));
        } finally {
            flushing.set(false);
        }
    }

    /** Forgets the reads counted so far (SnapStart's priming), and flushes next a whole interval from now. */
    public void reset() {
        pending.clear();
        nextFlushNanos = System.nanoTime() + intervalNanos;
    }

    @PreDestroy
    void flushOnShutdown() {
        flush();
    }
}
