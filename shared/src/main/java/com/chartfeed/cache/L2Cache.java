package com.chartfeed.cache;

import com.chartfeed.candles.Interval;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet-wide layer: cached values and the versions they must carry, in Redis, through
 * {@link RedisCalls}. Every method answers {@code null} (or nothing) instead of throwing when
 * Redis is absent, failing or skipped: the caller then goes on with L1 and PostgreSQL. Reads on a
 * chart's path wait at most {@code cache.redis-command-timeout}; publishing versions, off that
 * path, the bulk timeout.
 */
@Singleton
public final class L2Cache {
    private final RedisCalls calls;
    private final CacheSettings settings;

    public L2Cache(RedisCalls calls, CacheSettings settings) {
        this.calls = calls;
        this.settings = settings;
    }

    public boolean configured() {
        return calls.configured();
    }

    /** Whether the breaker is open (Redis failed recently and is being skipped). */
    public boolean breakerOpen() {
        return calls.breakerOpen();
    }

    /** See {@link RedisCalls#takeRecovery()}. */
    boolean takeRecovery() {
        return calls.takeRecovery();
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
        List<List<Object>> replies = calls.call("EVAL", settings.redisCommandTimeout(), timings, redis -> {
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

    /**
     * Stores a value of {@code version} for its retention, without waiting for the reply (the
     * answer is already known), unless Redis holds a newer one: a slow container storing a value
     * of an older version never overwrites the value of a newer one ({@link VersionScripts#STORE}).
     */
    public void storeUnlessNewer(CacheKey key, long version, byte[] value, Duration retention) {
        byte[][] keys = {key.redisKey(), key.scope().generationKey()};
        calls.send("EVAL", redis -> List.of(redis.eval(VersionScripts.STORE, ScriptOutputType.INTEGER, keys,
                value, bytes(version), bytes(retention.toMillis()))));
    }

    /**
     * Tells Redis of new versions of {@code symbol} (a write's, or unpublished ones) in one script,
     * waiting for the reply: off the read path (uploads, events, admin, repair), so it may take the
     * bulk timeout. Whether Redis took them.
     */
    public boolean publish(String symbol, Map<Interval, Long> versions) {
        if (versions.isEmpty()) {
            return true;
        }
        Map<CacheKey.Scope, Long> scopes = new LinkedHashMap<>();
        versions.forEach((interval, version) -> scopes.put(new CacheKey.Scope(symbol, interval), version));
        return calls.call("EVAL", settings.redisBulkTimeout(), null,
                redis -> publishScripts(redis, scopes, Map.of())) != null;
    }

    /**
     * Re-seeds Redis with versions a reader found only in PostgreSQL, without waiting: each is
     * written only if the server is still the one whose identity the reader saw, and only ever
     * moves a generation forward.
     */
    public void seed(Map<CacheKey.Scope, Long> versions, Map<CacheKey.Scope, String> identities) {
        if (!versions.isEmpty()) {
            calls.send("EVAL", redis -> publishScripts(redis, versions, identities));
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
     * Stores values for their retention in one pipeline and waits for the replies (off the read
     * path: the bulk timeout); whether all were taken.
     */
    public boolean storeAll(Map<CacheKey, byte[]> values, Duration retention) {
        List<String> done = calls.call("SET", settings.redisBulkTimeout(), null, redis -> {
            List<RedisFuture<String>> futures = new ArrayList<>();
            values.forEach((key, value) -> futures.add(redis.set(key.redisKey(), value,
                    SetArgs.Builder.px(retention.toMillis()))));
            return futures;
        });
        return done != null;
    }
}
