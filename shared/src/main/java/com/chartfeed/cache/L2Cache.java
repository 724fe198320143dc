package com.chartfeed.cache;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The fleet-wide layer: Redis commands of the cache, each behind one {@link CircuitBreaker}. Every
 * method answers {@code null} (or nothing) instead of throwing when Redis is absent, failing or
 * skipped: the caller then goes on with L1 and the database. Reads on a chart's path wait at most
 * {@code cache.redis-command-timeout}; invalidations and stats, off that path, the bulk timeout.
 */
@Singleton
public final class L2Cache {
    private static final Logger LOG = LoggerFactory.getLogger(L2Cache.class);
    static final byte[] STATS_KEY = "cf:stats".getBytes(StandardCharsets.UTF_8);
    private static final List<String> INFO_FIELDS = List.of("used_memory", "used_memory_human", "maxmemory",
            "maxmemory_policy", "evicted_keys", "expired_keys", "keyspace_hits", "keyspace_misses");

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
        List<List<KeyValue<byte[], byte[]>>> replies = call("MGET", settings.redisCommandTimeout(), timings,
                redis -> List.of(redis.mget(all)));
        if (replies == null) {
            return null;
        }
        List<KeyValue<byte[], byte[]>> values = replies.get(0);
        long[] generations = new long[scopes.size()];
        for (int i = 0; i < scopes.size(); i++) {
            generations[i] = parseLong(values.get(i).getValueOrElse(null));
        }
        byte[][] stored = new byte[keys.size()][];
        for (int i = 0; i < keys.size(); i++) {
            KeyValue<byte[], byte[]> value = values.get(scopes.size() + i);
            stored[i] = value.hasValue() ? value.getValue() : null;
        }
        return new Fetched(generations, stored);
    }

    /** Stores a value for its retention, without waiting for the reply (the answer is already known). */
    public void store(CacheKey key, byte[] value, Duration retention) {
        if (!redis.configured() || !breaker.allowRequest()) {
            return;
        }
        try {
            redis.async().set(key.redisKey(), value, SetArgs.Builder.px(retention.toMillis()))
                    .whenComplete((ok, failure) -> {
                        // Either way the breaker hears of it: this may have been its one probe.
                        if (failure != null) {
                            onFailure("SET", failure);
                        } else {
                            breaker.onSuccess();
                        }
                    });
        } catch (RuntimeException e) {
            onFailure("SET", e);
        }
    }

    /**
     * One INCR per scope, pipelined; the new generations, or {@code null} if Redis failed. Off the
     * read path (uploads, events, admin), so it may take the bulk timeout.
     */
    public long[] increment(List<CacheKey.Scope> scopes, RequestTimings timings) {
        if (scopes.isEmpty()) {
            return new long[0];
        }
        List<Long> generations = call("INCR", settings.redisBulkTimeout(), timings, redis -> {
            List<RedisFuture<Long>> futures = new ArrayList<>();
            for (CacheKey.Scope scope : scopes) {
                futures.add(redis.incr(scope.generationKey()));
            }
            return futures;
        });
        return generations == null ? null : generations.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Refresh-ahead's count of reads: per scope, ZINCRBY of each kind's reads into the sorted set of
     * {@code window}, trimmed to the {@code keep} most read, expiring after {@code expireAfter}; all
     * pipelined and not waited for. Completes with whether Redis took them all.
     */
    public CompletableFuture<Boolean> recordReads(Map<CacheKey.Scope, Map<String, Long>> readsByScope, long window,
                                                  int keep, Duration expireAfter) {
        if (!redis.configured() || !breaker.allowRequest()) {
            return CompletableFuture.completedFuture(false);
        }
        try {
            RedisClusterAsyncCommands<byte[], byte[]> async = redis.async();
            List<CompletableFuture<?>> replies = new ArrayList<>();
            readsByScope.forEach((scope, reads) -> {
                byte[] key = scope.readsKey(window);
                reads.forEach((kind, count) -> replies.add(
                        async.zincrby(key, count, kind.getBytes(StandardCharsets.UTF_8)).toCompletableFuture()));
                replies.add(async.zremrangebyrank(key, 0, -(keep + 1L)).toCompletableFuture());
                replies.add(async.pexpire(key, expireAfter.toMillis()).toCompletableFuture());
            });
            return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).handle((ok, failure) -> {
                // Either way the breaker hears of it: this may have been its one probe.
                if (failure != null) {
                    onFailure("ZINCRBY", failure);
                } else {
                    breaker.onSuccess();
                }
                return failure == null;
            });
        } catch (RuntimeException e) {
            onFailure("ZINCRBY", e);
            return CompletableFuture.completedFuture(false);
        }
    }

    /** Each scope's current generation and its most read kinds, most read first. */
    public record Recent(long[] generations, List<List<String>> kinds) {
    }

    /**
     * For refresh-ahead, in one pipelined round trip: the generation of each scope and its
     * {@code limit} most read kinds over the windows {@code window} and {@code window - 1} (counts
     * added up); {@code null} if Redis failed.
     */
    @SuppressWarnings("unchecked")
    public Recent recent(List<CacheKey.Scope> scopes, long window, int limit) {
        List<Object> replies = call("ZREVRANGE", settings.redisBulkTimeout(), null, redis -> {
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
            generations[i] = parseLong((byte[]) replies.get(3 * i));
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

    /**
     * Stores values for their retention in one pipeline and waits for the replies (off the read
     * path: the bulk timeout); whether all were taken.
     */
    public boolean storeAll(Map<CacheKey, byte[]> values, Duration retention) {
        List<String> done = call("SET", settings.redisBulkTimeout(), null, redis -> {
            List<RedisFuture<String>> futures = new ArrayList<>();
            values.forEach((key, value) -> futures.add(redis.set(key.redisKey(), value,
                    SetArgs.Builder.px(retention.toMillis()))));
            return futures;
        });
        return done != null;
    }

    /** Adds counter deltas to the fleet totals (a hash, HINCRBY pipelined); whether Redis took them. */
    public boolean addToFleet(Map<String, Long> deltas) {
        List<Long> done = call("HINCRBY", settings.redisBulkTimeout(), null, redis -> {
            List<RedisFuture<Long>> futures = new ArrayList<>();
            deltas.forEach((name, delta) -> {
                if (delta != 0) {
                    futures.add(redis.hincrby(STATS_KEY, name.getBytes(StandardCharsets.UTF_8), delta));
                }
            });
            return futures;
        });
        return done != null;
    }

    /** The fleet totals, or {@code null} if Redis can't be asked. */
    public Map<String, Long> fleet() {
        List<Map<byte[], byte[]>> raw = call("HGETALL", settings.redisBulkTimeout(), null,
                redis -> List.of(redis.hgetall(STATS_KEY)));
        if (raw == null) {
            return null;
        }
        Map<String, Long> totals = new LinkedHashMap<>();
        raw.get(0).forEach((k, v) -> totals.put(new String(k, StandardCharsets.UTF_8),
                Long.parseLong(new String(v, StandardCharsets.UTF_8))));
        return totals;
    }

    /** Redis's own figures from {@code INFO} (memory, evictions, hits), or {@code null}. */
    public Map<String, String> info() {
        List<String> sections = call("INFO", settings.redisBulkTimeout(), null,
                redis -> List.of(redis.info("memory"), redis.info("stats")));
        if (sections == null) {
            return null;
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String line : String.join("\n", sections).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon);
                if (INFO_FIELDS.contains(name)) {
                    wanted.put(name, line.substring(colon + 1).strip());
                }
            }
        }
        return wanted;
    }

    /** Round trip of a PING in milliseconds, or {@code -1} if Redis can't be reached. */
    public double ping() {
        long start = System.nanoTime();
        List<String> pong = call("PING", settings.redisCommandTimeout(), null, redis -> List.of(redis.ping()));
        return pong == null ? -1 : (System.nanoTime() - start) / 1e6;
    }

    /**
     * Sends the commands {@code body} issues (Lettuce pipelines them on the one connection) and
     * waits for all replies until {@code timeout}; {@code null} when skipped by the breaker or failed.
     */
    private <T> List<T> call(String command, Duration timeout, RequestTimings timings,
                             Function<RedisClusterAsyncCommands<byte[], byte[]>, List<RedisFuture<T>>> body) {
        if (!redis.configured()) {
            return null;
        }
        if (!breaker.allowRequest()) {
            stats.l2Skipped.increment();
            return null;
        }
        long start = System.nanoTime();
        try {
            // Taken before the deadline starts: a request arriving during the start-up warm-up
            // waits for it here, and its cold connect is not charged to the command's timeout.
            RedisClusterAsyncCommands<byte[], byte[]> commands = redis.async();
            long deadline = System.nanoTime() + timeout.toNanos();
            List<RedisFuture<T>> futures = body.apply(commands);
            List<T> results = new ArrayList<>(futures.size());
            for (RedisFuture<T> future : futures) {
                results.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            breaker.onSuccess();
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            onFailure(command, e);
            return null;
        } catch (ExecutionException e) {
            onFailure(command, e.getCause());
            return null;
        } catch (TimeoutException | RuntimeException e) {
            onFailure(command, e);
            return null;
        } finally {
            long l2Nanos = System.nanoTime() - start;
            stats.l2Nanos.add(l2Nanos);
            if (timings != null) {
                timings.addL2(l2Nanos);
            }
        }
    }

    private void onFailure(String command, Throwable failure) {
        breaker.onFailure();
        if (isTimeout(failure)) {
            stats.l2Timeouts.increment();
        } else {
            stats.l2Errors.increment();
            redis.reset();
        }
        LOG.warn("Redis {} failed, skipping L2 for {}: {}", command, settings.breakerOpenFor(), failure.toString());
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RedisCommandTimeoutException || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static long parseLong(byte[] value) {
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(new String(value, StandardCharsets.UTF_8));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
