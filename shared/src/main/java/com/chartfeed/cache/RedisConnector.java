package com.chartfeed.cache;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletableFuture;

/**
 * One binary-codec Lettuce connection to the L2 Redis (standalone or cluster, whichever client
 * {@code micronaut-redis-lettuce} made from {@code redis.uri} / {@code redis.uris}), opened lazily
 * and replaced after long idleness. Commands fail fast while disconnected instead of queueing, so
 * a dead Redis costs a request at most the command timeout, and the breaker then skips it.
 */
@Singleton
public final class RedisConnector {
    private final AbstractRedisClient client;
    private final CacheSettings settings;
    private final CacheStats stats;
    private volatile StatefulConnection<byte[], byte[]> connection;
    private volatile long lastUsedNanos;
    private volatile CompletableFuture<Void> warmingUp = CompletableFuture.completedFuture(null);

    public RedisConnector(@Nullable RedisClient standalone, @Nullable RedisClusterClient cluster,
                          CacheSettings settings, CacheStats stats) {
        this.client = cluster != null ? cluster : standalone;
        this.settings = settings;
        this.stats = stats;
        SocketOptions socket = SocketOptions.builder()
                .connectTimeout(settings.redisConnectTimeout())
                .keepAlive(true)
                .build();
        if (cluster != null) {
            cluster.setOptions(ClusterClientOptions.builder()
                    .socketOptions(socket)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .build());
        } else if (standalone != null) {
            standalone.setOptions(ClientOptions.builder()
                    .socketOptions(socket)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .build());
        }
    }

    /** Whether an L2 is configured at all. */
    public boolean configured() {
        return client != null;
    }

    /** The commands, once any {@link #warmUpInBackground() warm-up} under way has finished. */
    public RedisClusterAsyncCommands<byte[], byte[]> async() {
        // A request arriving during the warm-up waits for it rather than racing it with its
        // 50 ms command timeout (see warmUp); the warm-up's own waits bound this one.
        warmingUp.join();
        return commands();
    }

    private RedisClusterAsyncCommands<byte[], byte[]> commands() {
        StatefulConnection<byte[], byte[]> c = connection();
        return c instanceof StatefulRedisClusterConnection<byte[], byte[]> cluster ? cluster.async()
                : ((StatefulRedisConnection<byte[], byte[]>) c).async();
    }

    /** Drops the connection after a failure; the next command connects afresh. */
    public synchronized void reset() {
        StatefulConnection<byte[], byte[]> c = connection;
        connection = null;
        if (c != null) {
            c.closeAsync();
        }
    }

    private StatefulConnection<byte[], byte[]> connection() {
        long now = System.nanoTime();
        StatefulConnection<byte[], byte[]> c = connection;
        if (c != null && now - lastUsedNanos > settings.redisIdleReconnect().toNanos()) {
            reset();
            c = null;
        }
        if (c == null) {
            c = connect();
        }
        lastUsedNanos = now;
        return c;
    }

    private synchronized StatefulConnection<byte[], byte[]> connect() {
        if (connection == null) {
            StatefulConnection<byte[], byte[]> c = client instanceof RedisClusterClient cluster
                    ? cluster.connect(ByteArrayCodec.INSTANCE)
                    : ((RedisClient) client).connect(ByteArrayCodec.INSTANCE);
            // Lettuce's own timeout is only the backstop; L2Cache waits for each call's own deadline.
            c.setTimeout(settings.redisBulkTimeout());
            connection = c;
            stats.redisConnects.increment();
        }
        return connection;
    }

    /**
     * Connects and runs the cache's commands once with a generous wait, so the class loading and
     * JIT of a cold JVM are not charged to a request's 50 ms command timeout (which would open the
     * breaker on every cold start). Failures are ignored: the breaker handles a Redis that is down.
     */
    public void warmUp() {
        if (!configured()) {
            return;
        }
        try {
            RedisClusterAsyncCommands<byte[], byte[]> async = commands();
            byte[] key = "cf:warm-up".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            async.ping().get(2, java.util.concurrent.TimeUnit.SECONDS);
            async.mget(key, key).get(2, java.util.concurrent.TimeUnit.SECONDS);
            async.set(key, key, io.lettuce.core.SetArgs.Builder.px(1_000)).get(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            reset();
        }
    }

    /**
     * Runs {@link #warmUp()} on a thread of its own, so that the container's start-up goes on
     * meanwhile (connecting and the first commands' class loading take a few hundred ms on a cold
     * JVM); the first command asked for waits for it to finish.
     */
    public void warmUpInBackground() {
        if (configured()) {
            warmingUp = CompletableFuture.runAsync(this::warmUp, task -> {
                Thread thread = new Thread(task, "redis-warm-up");
                thread.setDaemon(true);
                thread.start();
            });
        }
    }

    @PreDestroy
    public void close() {
        reset();
    }
}
