package com.chartfeed.cache;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micronaut.core.annotation.Nullable;
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
import java.util.concurrent.atomic.AtomicBoolean;
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
    private final AtomicBoolean recovered = new AtomicBoolean();

    public L2Cache(RedisConnector redis, CacheSettings settings, CacheStats stats) {
        this.redis = redis;
        this.settings = settings;
        this.stats = stats;
        this.breaker = new CircuitBreaker(settings.breakerOpenFor());
    }

    public boolean configured() {
        return redis.configured();
    }

    /**
     * Whether Redis answered again after failing since the last call: the breaker closed. Read
     * once by {@link VersionRepair}, which then publishes what Redis missed.
     */
    boolean takeRecovery() {
        return recovered.get() && recovered.getAndSet(false);
    }

    private void succeeded() {
        if (breaker.onSuccess()) {
            recovered.set(true);
        }
    }

    /** Whether the breaker is open (Redis failed recently and is being skipped). */
    public boolean breakerOpen() {
        return breaker.isOpen();
    }

    /**
     * Versions and values, from one round trip.
     *
     * @param versions   each scope's version, {@code -1} where Redis does not know it (absent, or
     *                   written before a restart or failover of the server now answering)
     * @param identities each scope's Redis server identity at the read, for {@link #seed}
     */
    public record Fetched(long[] versions, byte[][] values, String[] identities) {
    }

    /**
     * The versions of {@code scopes} and the stored values of {@code keys}, in one round trip (one
     * script per symbol, pipelined); {@code null} if Redis was not asked or failed.
     */
    public Fetched fetch(List<CacheKey.Scope> scopes, List<CacheKey> keys, RequestTimings timings) {
        Map<String, List<Integer>> scopesBySymbol = new LinkedHashMap<>();
        for (int i = 0; i < scopes.size(); i++) {
            scopesBySymbol.computeIfAbsent(scopes.get(i).symbol(), s -> new ArrayList<>()).add(i);
        }
        Map<String, List<Integer>> keysBySymbol = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            scopesBySymbol.computeIfAbsent(keys.get(i).symbol(), s -> new ArrayList<>());
            keysBySymbol.computeIfAbsent(keys.get(i).symbol(), s -> new ArrayList<>()).add(i);
        }
        List<String> symbols = List.copyOf(scopesBySymbol.keySet());
        List<List<Object>> replies = call("EVAL", settings.redisCommandTimeout(), timings, redis -> {
            List<RedisFuture<List<Object>>> futures = new ArrayList<>();
            for (String symbol : symbols) {
                List<Integer> ofScopes = scopesBySymbol.get(symbol);
                List<Integer> ofKeys = keysBySymbol.getOrDefault(symbol, List.of());
                byte[][] all = new byte[ofScopes.size() + ofKeys.size()][];
                for (int i = 0; i < ofScopes.size(); i++) {
                    all[i] = scopes.get(ofScopes.get(i)).generationKey();
                }
                for (int i = 0; i < ofKeys.size(); i++) {
                    all[ofScopes.size() + i] = keys.get(ofKeys.get(i)).redisKey();
                }
                futures.add(redis.eval(VersionScripts.READ, ScriptOutputType.MULTI, all, bytes(ofScopes.size())));
            }
            return futures;
        });
        if (replies == null) {
            return null;
        }
        long[] versions = new long[scopes.size()];
        String[] identities = new String[scopes.size()];
        byte[][] stored = new byte[keys.size()][];
        for (int s = 0; s < symbols.size(); s++) {
            List<Object> reply = replies.get(s);
            String identity = new String((byte[]) reply.get(0), StandardCharsets.UTF_8);
            List<Integer> ofScopes = scopesBySymbol.get(symbols.get(s));
            for (int i = 0; i < ofScopes.size(); i++) {
                versions[ofScopes.get(i)] = Long.parseLong(new String((byte[]) reply.get(1 + i), StandardCharsets.US_ASCII));
                identities[ofScopes.get(i)] = identity;
            }
            List<Integer> ofKeys = keysBySymbol.getOrDefault(symbols.get(s), List.of());
            for (int i = 0; i < ofKeys.size(); i++) {
                stored[ofKeys.get(i)] = (byte[]) reply.get(1 + ofScopes.size() + i);
            }
        }
        return new Fetched(versions, stored, identities);
    }

    /** Stores a value for its retention, without waiting for the reply (the answer is already known). */
    public void store(CacheKey key, byte[] value, Duration retention) {
        send("SET", redis -> List.of(redis.set(key.redisKey(), value, SetArgs.Builder.px(retention.toMillis()))));
    }

    /**
     * Tells Redis of new versions (a write's, or unpublished ones), one script per symbol,
     * pipelined, waiting for the replies: off the read path (uploads, events, admin, repair), so it
     * may take the bulk timeout. Whether Redis took them all.
     */
    public boolean publish(Map<CacheKey.Scope, Long> versions, RequestTimings timings) {
        if (versions.isEmpty()) {
            return true;
        }
        return call("EVAL", settings.redisBulkTimeout(), timings,
                redis -> publishScripts(redis, versions, Map.of())) != null;
    }

    /**
     * Re-seeds Redis with versions a reader found only in PostgreSQL, without waiting: each is
     * written only if the server is still the one whose identity the reader saw, and only ever
     * moves a generation forward.
     */
    public void seed(Map<CacheKey.Scope, Long> versions, Map<CacheKey.Scope, String> identities) {
        if (!versions.isEmpty()) {
            send("EVAL", redis -> publishScripts(redis, versions, identities));
        }
    }

    private static List<RedisFuture<Long>> publishScripts(RedisClusterAsyncCommands<byte[], byte[]> redis,
                                                          Map<CacheKey.Scope, Long> versions,
                                                          Map<CacheKey.Scope, String> identities) {
        Map<String, List<CacheKey.Scope>> bySymbolAndIdentity = new LinkedHashMap<>();
        versions.keySet().forEach(scope -> bySymbolAndIdentity.computeIfAbsent(
                scope.symbol() + "\n" + identities.getOrDefault(scope, ""), k -> new ArrayList<>()).add(scope));
        List<RedisFuture<Long>> futures = new ArrayList<>();
        for (List<CacheKey.Scope> group : bySymbolAndIdentity.values()) {
            byte[][] keys = new byte[group.size()][];
            byte[][] args = new byte[group.size() + 1][];
            for (int i = 0; i < group.size(); i++) {
                keys[i] = group.get(i).generationKey();
                args[i] = bytes(versions.get(group.get(i)));
            }
            args[group.size()] = identities.getOrDefault(group.get(0), "").getBytes(StandardCharsets.UTF_8);
            futures.add(redis.eval(VersionScripts.PUBLISH, ScriptOutputType.INTEGER, keys, args));
        }
        return futures;
    }

    private static byte[] bytes(long number) {
        return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Refresh-ahead's count of reads: per scope, ZINCRBY of each kind's reads into the sorted set of
     * {@code window}, trimmed to the {@code keep} most read, expiring after {@code expireAfter}; all
     * pipelined and not waited for. Completes with whether Redis took them all.
     */
    public CompletableFuture<Boolean> recordReads(Map<CacheKey.Scope, Map<String, Long>> readsByScope, long window,
                                                  int keep, Duration expireAfter) {
        return send("ZINCRBY", redis -> {
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

    /**
     * Adds counter deltas to the fleet totals (a hash, HINCRBY pipelined), without waiting:
     * completes with whether Redis took them all.
     */
    public CompletableFuture<Boolean> addToFleet(Map<String, Long> deltas) {
        return send("HINCRBY", redis -> {
            List<RedisFuture<?>> replies = new ArrayList<>();
            deltas.forEach((name, delta) -> {
                if (delta != 0) {
                    replies.add(redis.hincrby(STATS_KEY, name.getBytes(StandardCharsets.UTF_8), delta));
                }
            });
            return replies;
        });
    }

    /** The fleet totals, or {@code null} if Redis can't be asked. */
    public Map<String, Long> fleet() {
        List<Map<byte[], byte[]>> raw = call("HGETALL", settings.redisCommandTimeout(), null,
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
        List<String> sections = call("INFO", settings.redisCommandTimeout(), null,
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
            // A connection being made is waited for within the same deadline, never longer.
            long deadline = start + timeout.toNanos();
            RedisClusterAsyncCommands<byte[], byte[]> commands = redis.async(timeout.toNanos());
            List<RedisFuture<T>> futures = body.apply(commands);
            List<T> results = new ArrayList<>(futures.size());
            for (RedisFuture<T> future : futures) {
                results.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            succeeded();
            return results;
        } catch (RedisConnector.NotConnectedYet notYet) {
            breaker.onSkipped();
            stats.l2Skipped.increment();
            return null;
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

    /**
     * Sends the commands {@code body} issues as soon as there is a connection, and nobody waits:
     * completes with whether Redis took them all within the bulk timeout. Either way the breaker
     * hears of it, since this may have been its one probe.
     */
    private CompletableFuture<Boolean> send(String command,
                                            Function<RedisClusterAsyncCommands<byte[], byte[]>, List<? extends RedisFuture<?>>> body) {
        if (!redis.configured() || !breaker.allowRequest()) {
            return CompletableFuture.completedFuture(false);
        }
        return redis.whenConnected()
                .thenCompose(commands -> CompletableFuture.allOf(body.apply(commands).stream()
                        .map(RedisFuture::toCompletableFuture).toArray(CompletableFuture[]::new)))
                .orTimeout(settings.redisBulkTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((ok, failure) -> {
                    if (failure != null) {
                        onFailure(command, failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure);
                    } else {
                        succeeded();
                    }
                    return failure == null;
                });
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

}
