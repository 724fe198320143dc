package com.chartfeed.cache;

import com.chartfeed.candles.Interval;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The fleet-wide layer in Redis, through {@link RedisCalls}: every method answers {@code null} (or
 * nothing) instead of throwing when Redis is failing or skipped. Reads on a chart's path wait at
 * most {@code cache.redis-command-timeout}; publishing versions, off that path, the bulk timeout.
 * A bean only where {@code micronaut-redis-lettuce} made a client ({@code redis.uri} or
 * {@code redis.uris}); {@link NoRedis} stands in otherwise.
 */
@Singleton
@Requires(beans = AbstractRedisClient.class)
final class RedisL2 implements L2Cache {
    private static final List<String> INFO_FIELDS = List.of("used_memory", "used_memory_human", "maxmemory",
            "maxmemory_policy", "evicted_keys", "expired_keys", "keyspace_hits", "keyspace_misses");

    private final RedisCalls calls;
    private final RedisConnector connector;
    private final CacheSettings settings;
    private final CacheStats stats;
    private final CacheClock clock;

    RedisL2(RedisCalls calls, RedisConnector connector, CacheSettings settings, CacheStats stats, CacheClock clock) {
        this.calls = calls;
        this.connector = connector;
        this.settings = settings;
        this.stats = stats;
        this.clock = clock;
    }

    /** One script per symbol, pipelined. */
    @Override
    @Nullable
    public Fetched fetch(List<CacheKey.Scope> scopes, List<CacheKey> keys, long[] held, RequestTimings timings) {
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
                byte[][] args = new byte[1 + ofKeys.size()][];
                args[0] = bytes(ofScopes.size());
                for (int i = 0; i < ofKeys.size(); i++) {
                    args[1 + i] = bytes(held[ofKeys.get(i)]);
                }
                futures.add(redis.eval(VersionScripts.READ, ScriptOutputType.MULTI, all, args));
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

    @Override
    public void missed() {
        stats.l2Miss();
    }

    /** Sent without waiting for the reply (the answer is already known); {@link VersionScripts#STORE} keeps the newer. */
    @Override
    public void store(CacheKey key, CacheEntry<?> entry, Duration retention) {
        byte[][] keys = {key.redisKey(), key.scope().generationKey()};
        byte[] value = EntryCodec.encode(entry);
        calls.send("EVAL", redis -> List.of(redis.eval(VersionScripts.STORE, ScriptOutputType.INTEGER, keys,
                value, bytes(entry.generation()), bytes(retention.toMillis()))));
    }

    /**
     * Tells Redis of new versions of {@code symbol} (a write's, or unpublished ones) in one script,
     * then waits until the replicas connected to the master have it too ({@code WAIT}), all within
     * {@code timeout}: the command deadline on a request's path (a PUT, an admin invalidation),
     * the bulk timeout off it (ingestion events, the repair). A version may be forgotten as
     * unpublished only when {@link Publication#REPLICATED}: one that reached only the master would
     * be lost by a failover to a replica that missed it, while readers re-seed the new master with
     * an older version from PostgreSQL.
     */
    @Override
    public Publication publish(String symbol, Map<Interval, Long> versions, Duration timeout) {
        if (versions.isEmpty()) {
            return Publication.REPLICATED;
        }
        Map<CacheKey.Scope, Long> scopes = new LinkedHashMap<>();
        versions.forEach((interval, version) -> scopes.put(new CacheKey.Scope(symbol, interval), version));
        byte[] anyKey = scopes.keySet().iterator().next().generationKey();
        // WAIT gets half the deadline, so a replica that lags is a slow reply, never a timeout of Redis itself.
        long waitMillis = Math.max(1, timeout.toMillis() / 2);
        List<Long> replicated = calls.call("EVAL", timeout, null, redis -> {
            CompletableFuture<Long> published = publishScripts(redis, scopes, Map.of()).get(0).toCompletableFuture();
            return List.of(published.thenCompose(replicas -> replicas <= 0
                    ? CompletableFuture.completedFuture(replicas == 0 ? 1L : 0L)
                    : waitForReplicas(redis, anyKey, replicas.intValue(), waitMillis)
                            // The master took it either way: a WAIT that fails only leaves it unconfirmed.
                            .exceptionally(failure -> 0L)
                            .thenApply(acknowledged -> acknowledged >= replicas ? 1L : 0L)));
        });
        if (replicated == null) {
            return Publication.NOT_TAKEN;
        }
        return replicated.get(0) == 1L ? Publication.REPLICATED : Publication.TAKEN;
    }

    /**
     * {@code WAIT replicas timeout} on the node that ran the script: in a cluster, the master of
     * the key's slot (a keyless command would go to any node).
     */
    private static CompletionStage<Long> waitForReplicas(RedisClusterAsyncCommands<byte[], byte[]> redis, byte[] key,
                                                         int replicas, long timeoutMillis) {
        if (redis instanceof RedisAdvancedClusterAsyncCommands<byte[], byte[]> cluster) {
            StatefulRedisClusterConnection<byte[], byte[]> connection = cluster.getStatefulConnection();
            RedisClusterNode master = connection.getPartitions().getMasterBySlot(SlotHash.getSlot(key));
            if (master == null) {
                return CompletableFuture.completedFuture(0L);
            }
            return connection.getConnectionAsync(master.getNodeId())
                    .thenCompose(node -> node.async().waitForReplication(replicas, timeoutMillis));
        }
        return redis.waitForReplication(replicas, timeoutMillis);
    }

    /**
     * Re-seeds Redis with versions a reader found only in PostgreSQL, without waiting: each is
     * written only if the server is still the one whose identity the reader saw, and only ever
     * moves a generation forward. Version 0 (never written: a symbol nobody uploaded, or an
     * interval of it never written) is not seeded: a reader finds no generation and reads 0 again,
     * which costs one indexed read, where seeding it would let anonymous requests for made-up
     * symbols fill Redis with keys.
     */
    @Override
    public void seed(Map<CacheKey.Scope, Long> versions, Map<CacheKey.Scope, String> identities) {
        Map<CacheKey.Scope, Long> written = new LinkedHashMap<>();
        versions.forEach((scope, version) -> {
            if (version > 0) {
                written.put(scope, version);
            }
        });
        if (!written.isEmpty()) {
            calls.send("EVAL", redis -> publishScripts(redis, written, identities));
        }
    }

    private List<RedisFuture<Long>> publishScripts(RedisClusterAsyncCommands<byte[], byte[]> redis,
                                                   Map<CacheKey.Scope, Long> versions,
                                                   Map<CacheKey.Scope, String> identities) {
        Map<String, List<CacheKey.Scope>> bySymbolAndIdentity = new LinkedHashMap<>();
        versions.keySet().forEach(scope -> bySymbolAndIdentity.computeIfAbsent(
                scope.symbol() + "\n" + identities.getOrDefault(scope, ""), k -> new ArrayList<>()).add(scope));
        byte[] keptFor = bytes(generationKeptFor().toMillis());
        List<RedisFuture<Long>> futures = new ArrayList<>();
        for (List<CacheKey.Scope> group : bySymbolAndIdentity.values()) {
            byte[][] keys = new byte[group.size()][];
            byte[][] args = new byte[group.size() + 2][];
            for (int i = 0; i < group.size(); i++) {
                keys[i] = group.get(i).generationKey();
                args[i] = bytes(versions.get(group.get(i)));
            }
            args[group.size()] = identities.getOrDefault(group.get(0), "").getBytes(StandardCharsets.UTF_8);
            args[group.size() + 1] = keptFor;
            futures.add(redis.eval(VersionScripts.PUBLISH, ScriptOutputType.INTEGER, keys, args));
        }
        return futures;
    }

    /**
     * How long a generation is kept after its last publication: as long as the longest-lived value
     * that can carry it ({@code ttl-max + stale-for}). Nothing is lost when it expires: a reader
     * then finds no generation and reads the version from PostgreSQL, as after a restart.
     */
    private Duration generationKeptFor() {
        return settings.ttlMax().plus(settings.staleFor());
    }

    private static byte[] bytes(long number) {
        return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean storeAll(Map<CacheKey, byte[]> values, Duration retention) {
        List<String> done = calls.call("SET", settings.redisBulkTimeout(), null, redis -> {
            List<RedisFuture<String>> futures = new ArrayList<>();
            values.forEach((key, value) -> futures.add(redis.set(key.redisKey(), value,
                    SetArgs.Builder.px(retention.toMillis()))));
            return futures;
        });
        return done != null;
    }

    @Override
    public Breaker breaker() {
        return calls.breakerOpen() ? Breaker.OPEN : Breaker.CLOSED;
    }

    @Override
    public Map<String, Object> health() {
        Map<String, Object> health = new LinkedHashMap<>();
        long start = clock.nanos();
        List<String> pong = calls.call("PING", settings.redisCommandTimeout(), null, redis -> List.of(redis.ping()));
        health.put("status", pong == null ? CacheHealth.DOWN : CacheHealth.UP);
        if (pong != null) {
            health.put("pingMillis", (clock.nanos() - start) / 1e6);
        }
        health.put("breaker", breaker().label());
        return health;
    }

    /** Bounded by the command deadline: the stats route must not wait on a slow Redis either. */
    @Override
    public Map<String, Object> info() {
        List<String> sections = calls.call("INFO", settings.redisCommandTimeout(), null,
                redis -> List.of(redis.info("memory"), redis.info("stats")));
        if (sections == null) {
            return Map.of("available", false);
        }
        Map<String, Object> wanted = new LinkedHashMap<>();
        for (String line : String.join("\n", sections).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && INFO_FIELDS.contains(line.substring(0, colon))) {
                wanted.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return wanted;
    }

    @Override
    public void connect() {
        connector.warmUp();
    }

    @Override
    public void disconnect() {
        connector.reset();
    }
}
