package com.chartfeed.cache;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The fleet-wide layer: Redis commands of the cache, each behind one {@link CircuitBreaker}. Every
 * method answers {@code null} (or nothing) instead of throwing when Redis is absent, failing or
 * skipped: the caller then goes on with L1 and the database.
 */
@Singleton
public final class L2Cache {
    private static final Logger LOG = LoggerFactory.getLogger(L2Cache.class);
    static final byte[] STATS_KEY = "cf:stats".getBytes(StandardCharsets.UTF_8);

    private final RedisConnector redis;
    private final CircuitBreaker breaker;
    private final CacheStats stats;
    private final CacheSettings settings;

    public L2Cache(RedisConnector redis, CacheSettings settings, CacheStats stats) {
        this.redis = redis;
        this.settings = settings;
        this.stats = stats;
        this.breaker = new CircuitBreaker(settings.breakerOpenFor());
    }

    public boolean configured() {
        return redis.configured();
    }

    /** Whether the breaker is open (Redis failed recently and is being skipped). */
    public boolean breakerOpen() {
        return breaker.isOpen();
    }

    /** Generations and values, in one MGET: one round trip. */
    public record Fetched(long[] generations, byte[][] values) {
    }

    /**
     * The generations of {@code scopes} and the stored values of {@code keys}, in one round trip;
     * {@code null} if Redis was not asked or failed. A missing generation is 0.
     */
    public Fetched fetch(List<CacheKey.Scope> scopes, List<CacheKey> keys, RequestTimings timings) {
        byte[][] all = new byte[scopes.size() + keys.size()][];
        for (int i = 0; i < scopes.size(); i++) {
            all[i] = scopes.get(i).generationKey();
        }
        for (int i = 0; i < keys.size(); i++) {
            all[scopes.size() + i] = keys.get(i).redisKey();
        }
        List<KeyValue<byte[], byte[]>> values = call("MGET", timings, redis -> redis.mget(all));
        if (values == null) {
            return null;
        }
        long[] generations = new long[scopes.size()];
        for (int i = 0; i < scopes.size(); i++) {
            generations[i] = parseLong(values.get(i));
        }
        byte[][] stored = new byte[keys.size()][];
        for (int i = 0; i < keys.size(); i++) {
            KeyValue<byte[], byte[]> value = values.get(scopes.size() + i);
            stored[i] = value.hasValue() ? value.getValue() : null;
        }
        return new Fetched(generations, stored);
    }

    /** Stores a value for its retention; does not wait for the reply (the answer is already known). */
    public void store(CacheKey key, byte[] value, Duration retention) {
        call("SET", null, redis -> {
            redis.set(key.redisKey(), value, SetArgs.Builder.px(retention.toMillis()));
            return Boolean.TRUE;
        });
    }

    /** One INCR per scope, pipelined; the new generations, or {@code null} if Redis failed. */
    public long[] increment(List<CacheKey.Scope> scopes, RequestTimings timings) {
        if (scopes.isEmpty()) {
            return new long[0];
        }
        return callAsync("INCR", timings, async -> {
            List<RedisFuture<Long>> futures = new ArrayList<>();
            for (CacheKey.Scope scope : scopes) {
                futures.add(async.incr(scope.generationKey()));
            }
            long[] generations = new long[scopes.size()];
            for (int i = 0; i < futures.size(); i++) {
                generations[i] = await(futures.get(i));
            }
            return generations;
        });
    }

    /** Adds counter deltas to the fleet totals (a hash, HINCRBY pipelined); whether Redis took them. */
    public boolean addToFleet(Map<String, Long> deltas) {
        Boolean done = callAsync("HINCRBY", null, async -> {
            List<RedisFuture<Long>> futures = new ArrayList<>();
            deltas.forEach((name, delta) -> {
                if (delta != 0) {
                    futures.add(async.hincrby(STATS_KEY, name.getBytes(StandardCharsets.UTF_8), delta));
                }
            });
            for (RedisFuture<Long> future : futures) {
                await(future);
            }
            return Boolean.TRUE;
        });
        return done != null;
    }

    /** The fleet totals, or {@code null} if Redis can't be asked. */
    public Map<String, Long> fleet() {
        Map<byte[], byte[]> raw = call("HGETALL", null, redis -> redis.hgetall(STATS_KEY));
        if (raw == null) {
            return null;
        }
        Map<String, Long> totals = new LinkedHashMap<>();
        raw.forEach((k, v) -> totals.put(new String(k, StandardCharsets.UTF_8),
                Long.parseLong(new String(v, StandardCharsets.UTF_8))));
        return totals;
    }

    /** Redis's own figures from {@code INFO} (memory, evictions, hits), or {@code null}. */
    public Map<String, String> info() {
        String text = call("INFO", null, redis -> redis.info("memory") + "\n" + redis.info("stats"));
        if (text == null) {
            return null;
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon);
                if (List.of("used_memory", "used_memory_human", "maxmemory", "maxmemory_policy", "evicted_keys",
                        "expired_keys", "keyspace_hits", "keyspace_misses").contains(name)) {
                    wanted.put(name, line.substring(colon + 1).strip());
                }
            }
        }
        return wanted;
    }

    /** Round trip of a PING in milliseconds, or {@code -1} if Redis can't be reached. */
    public double ping() {
        long start = System.nanoTime();
        String pong = call("PING", null, RedisClusterCommands::ping);
        return pong == null ? -1 : (System.nanoTime() - start) / 1e6;
    }

    private <T> T call(String command, RequestTimings timings, Function<RedisClusterCommands<byte[], byte[]>, T> body) {
        return guarded(command, timings, () -> body.apply(redis.sync()));
    }

    private <T> T callAsync(String command, RequestTimings timings,
                            Function<RedisClusterAsyncCommands<byte[], byte[]>, T> body) {
        return guarded(command, timings, () -> body.apply(redis.async()));
    }

    private <T> T guarded(String command, RequestTimings timings, java.util.function.Supplier<T> body) {
        if (!redis.configured()) {
            return null;
        }
        if (!breaker.allowRequest()) {
            stats.l2Skipped.increment();
            return null;
        }
        long start = System.nanoTime();
        try {
            T result = body.get();
            breaker.onSuccess();
            return result;
        } catch (RuntimeException e) {
            breaker.onFailure();
            if (isTimeout(e)) {
                stats.l2Timeouts.increment();
            } else {
                stats.l2Errors.increment();
            }
            LOG.warn("Redis {} failed, skipping L2 for {}: {}", command, settings.breakerOpenFor(), e.toString());
            if (!isTimeout(e)) {
                redis.reset();
            }
            return null;
        } finally {
            if (timings != null) {
                timings.addL2(System.nanoTime() - start);
            }
        }
    }

    private <T> T await(RedisFuture<T> future) {
        try {
            return future.get(settings.redisCommandTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new RedisCommandTimeoutException("no reply within " + settings.redisCommandTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RedisCommandTimeoutException || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static long parseLong(KeyValue<byte[], byte[]> value) {
        if (!value.hasValue()) {
            return 0;
        }
        try {
            return Long.parseLong(new String(value.getValue(), StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
