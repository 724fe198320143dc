package com.chartfeed.cache;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScoredValue;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The reader's half of refresh-ahead in Redis: how often this container served each entry, per
 * (symbol, interval), added to the fleet's counts in Redis at most once per
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
@Requires(beans = AbstractRedisClient.class)
final class RedisRecentReads implements RecentReads {
    private final RedisCalls calls;
    private final RefreshAheadSettings settings;
    private final CacheClock clock;
    private final boolean enabled;
    private final long intervalNanos;
    private final ConcurrentHashMap<CacheKey, LongAdder> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private volatile long nextFlushNanos;

    RedisRecentReads(RedisCalls calls, RefreshAheadSettings settings, CacheClock clock) {
        this.calls = calls;
        this.settings = settings;
        this.clock = clock;
        this.enabled = settings.enabled();
        this.intervalNanos = settings.flushInterval().toNanos();
        this.nextFlushNanos = clock.nanos() + intervalNanos;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    /** Flushes too, if the interval has passed. */
    @Override
    public void record(CacheKey key) {
        if (!enabled) {
            return;
        }
        LongAdder reads = pending.get(key);
        if (reads == null) {
            reads = pending.computeIfAbsent(key, k -> new LongAdder());
        }
        reads.increment();
        if (clock.nanos() - nextFlushNanos >= 0) {
            flush();
        }
    }

    /** To the current window's counts. */
    @Override
    public CompletableFuture<Boolean> flush() {
        if (!enabled || !flushing.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(false);
        }
        try {
            nextFlushNanos = clock.nanos() + intervalNanos;
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
            return recordReads(byScope, settings.window(clock.millis()), settings.keptPerScope(),
                    settings.recentFor().multipliedBy(2));
        } finally {
            flushing.set(false);
        }
    }

    @Override
    public void reset() {
        pending.clear();
        nextFlushNanos = clock.nanos() + intervalNanos;
    }

    /**
     * Refresh-ahead's count of reads: per scope, ZINCRBY of each kind's reads into the sorted set of
     * {@code window}, trimmed to the {@code keep} most read, expiring after {@code expireAfter}; all
     * pipelined and not waited for. Completes with whether Redis took them all.
     */
    private CompletableFuture<Boolean> recordReads(Map<CacheKey.Scope, Map<String, Long>> readsByScope, long window,
                                                  int keep, Duration expireAfter) {
        return calls.send("ZINCRBY", redis -> {
            List<RedisFuture<?>> replies = new ArrayList<>();
            readsByScope.forEach((scope, reads) -> {
                byte[] key = scope.readsKey(window);
                reads.forEach((kind, count) -> replies.add(redis.zincrby(key, count, kind.getBytes(StandardCharsets.UTF_8))));
                replies.add(redis.zremrangebyrank(key, 0, -(keep + 1L)));
                replies.add(redis.pexpire(key, expireAfter.toMillis()));
            });
            return replies;
        });
    }

    /** In one pipelined round trip, the two windows' counts added up. */
    @Override
    @Nullable
    @SuppressWarnings("unchecked")
    public Recent recent(List<CacheKey.Scope> scopes, long window, int limit) {
        List<Object> replies = calls.call("ZREVRANGE", calls.bulkTimeout(), null, redis -> {
            List<RedisFuture<Object>> futures = new ArrayList<>();
            for (CacheKey.Scope scope : scopes) {
                futures.add((RedisFuture<Object>) (RedisFuture<?>) redis.get(scope.generationKey()));
                for (long w = window; w >= window - 1; w--) {
                    futures.add((RedisFuture<Object>) (RedisFuture<?>) redis.zrevrangeWithScores(scope.readsKey(w), 0, -1));
                }
            }
            return futures;
        });
        if (replies == null) {
            return null;
        }
        long[] generations = new long[scopes.size()];
        List<List<String>> kinds = new ArrayList<>(scopes.size());
        for (int i = 0; i < scopes.size(); i++) {
            generations[i] = VersionScripts.versionOf((byte[]) replies.get(3 * i));
            Map<String, Double> reads = new HashMap<>();
            for (int w = 1; w <= 2; w++) {
                for (ScoredValue<byte[]> scored : (List<ScoredValue<byte[]>>) replies.get(3 * i + w)) {
                    reads.merge(new String(scored.getValue(), StandardCharsets.UTF_8), scored.getScore(), Double::sum);
                }
            }
            kinds.add(reads.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(limit)
                    .map(Map.Entry::getKey)
                    .toList());
        }
        return new Recent(generations, kinds);
    }

    @PreDestroy
    void flushOnShutdown() {
        flush();
    }
}
