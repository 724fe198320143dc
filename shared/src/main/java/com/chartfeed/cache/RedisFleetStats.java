package com.chartfeed.cache;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisFuture;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Adds this container's counters to the fleet-wide totals in Redis (one hash, HINCRBY pipelined),
 * at most once per {@code cache.stats-flush-interval} and never on every request. It is started
 * on a request's thread when due rather than on a timer (a frozen Lambda container runs no
 * timers), and that thread never waits for Redis's replies: what Redis took is known when they
 * arrive, and only then counts as flushed.
 */
@Singleton
@Requires(beans = AbstractRedisClient.class)
final class RedisFleetStats implements FleetStats {
    private static final byte[] STATS_KEY = "cf:stats".getBytes(StandardCharsets.UTF_8);
    /**
     * The totals expire this long after the last flush of any container: like every key of the
     * cache, they never outlive a bounded TTL (ElastiCache's volatile-lru never evicts a key
     * without one), and a live fleet keeps renewing them.
     */
    private static final Duration STATS_KEPT_FOR = Duration.ofDays(7);

    private final CacheStats stats;
    private final RedisCalls calls;
    private final long intervalNanos;
    private final CacheSettings settings;
    private final CacheClock clock;
    private final AtomicBoolean flushing = new AtomicBoolean();
    private volatile long nextFlushNanos;
    private volatile boolean held;
    private volatile CompletableFuture<Boolean> inFlight = CompletableFuture.completedFuture(true);
    private volatile Map<String, Long> flushed = new LinkedHashMap<>();

    RedisFleetStats(CacheStats stats, RedisCalls calls, CacheSettings settings, CacheClock clock) {
        this.stats = stats;
        this.calls = calls;
        this.settings = settings;
        this.intervalNanos = settings.statsFlushInterval().toNanos();
        this.clock = clock;
        this.nextFlushNanos = clock.nanos() + intervalNanos;
    }

    @Override
    public void maybeFlush() {
        if (clock.nanos() - nextFlushNanos >= 0) {
            send();
        }
    }

    /**
     * Sends everything counted since the last flush that Redis took, without waiting; completes
     * with whether Redis took it. A flush already under way is let finish first (its counts are
     * then part of the baseline), so what this one sends includes everything counted until now.
     */
    CompletableFuture<Boolean> flush() {
        CompletableFuture<Boolean> underWay = inFlight;
        return underWay.isDone() ? send() : underWay.handle((took, failure) -> null).thenCompose(done -> send());
    }

    /** One flush, unless another is under way or flushing is held (then {@code false}). */
    private CompletableFuture<Boolean> send() {
        if (held || !flushing.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(false);
        }
        try {
            nextFlushNanos = clock.nanos() + intervalNanos;
            Map<String, Long> now = stats.counters();
            Map<String, Long> base = flushed;
            Map<String, Long> deltas = new LinkedHashMap<>();
            now.forEach((name, value) -> deltas.put(name, value - base.getOrDefault(name, 0L)));
            CompletableFuture<Boolean> sent = addToFleet(deltas).whenComplete((took, failure) -> {
                if (Boolean.TRUE.equals(took)) {
                    flushed = now;
                }
                flushing.set(false);
            });
            inFlight = sent;
            return sent;
        } catch (RuntimeException e) {
            flushing.set(false);
            throw e;
        }
    }

    /** Flushes and waits at most {@code timeout} for Redis to take it (off the request path, or bounded). */
    boolean flushWithin(long timeout, TimeUnit unit) {
        try {
            return flush().get(timeout, unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** The cache-stats function's priming even asks for a flush: held, it sends nothing. */
    @Override
    public void hold() {
        held = true;
    }

    @Override
    public void reset() {
        flushed = new LinkedHashMap<>();
        nextFlushNanos = clock.nanos() + intervalNanos;
        held = false;
    }

    /**
     * Adds counter deltas to the fleet totals (a hash, HINCRBY pipelined), without waiting:
     * completes with whether Redis took them all.
     */
    private CompletableFuture<Boolean> addToFleet(Map<String, Long> deltas) {
        return calls.send("HINCRBY", redis -> {
            List<RedisFuture<?>> replies = new ArrayList<>();
            deltas.forEach((name, delta) -> {
                if (delta != 0) {
                    replies.add(redis.hincrby(STATS_KEY, name.getBytes(StandardCharsets.UTF_8), delta));
                }
            });
            replies.add(redis.pexpire(STATS_KEY, STATS_KEPT_FOR.toMillis()));
            return replies;
        });
    }

    /** Bounded by the command deadline: the stats route must not wait on a slow Redis either. */
    @Override
    public Map<String, Object> report(Function<Map<String, Long>, Map<String, Object>> summary) {
        flushWithin(settings.redisCommandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        Map<String, Long> totals = totals();
        return totals == null ? Map.of("available", false) : summary.apply(totals);
    }

    /** The fleet totals, or {@code null} if Redis can't be asked. */
    @Nullable
    private Map<String, Long> totals() {
        List<Map<byte[], byte[]>> raw = calls.call("HGETALL", calls.commandTimeout(), null,
                redis -> List.of(redis.hgetall(STATS_KEY)));
        if (raw == null) {
            return null;
        }
        Map<String, Long> totals = new LinkedHashMap<>();
        raw.get(0).forEach((k, v) -> totals.put(new String(k, StandardCharsets.UTF_8),
                Long.parseLong(new String(v, StandardCharsets.UTF_8))));
        return totals;
    }

    @PreDestroy
    void flushOnShutdown() {
        flushWithin(2, TimeUnit.SECONDS);
    }
}
