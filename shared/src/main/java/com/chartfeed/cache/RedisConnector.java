package com.chartfeed.cache;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.EpollProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One binary-codec Lettuce connection to the L2 Redis (standalone or cluster, whichever client
 * {@code micronaut-redis-lettuce} made from {@code redis.uri} / {@code redis.uris}). Commands fail
 * fast while disconnected instead of queueing, so a dead Redis costs a request at most the
 * command deadline, and the breaker then skips it.
 *
 * <p>Connecting never happens on a request's thread: it runs on a thread of its own (at start-up,
 * after a failure, or to replace a connection idle so long that a thawed Lambda container's socket
 * may be dead), together with a warm-up of the cache's commands, so that a cold JVM's class loading
 * is never charged to a command's deadline. A request that finds a connection being made waits for
 * it at most its own deadline, and only the first one does; the others skip L2 meanwhile.
 *
 * <p>A connection counts as alive from its last reply, not its last use: commands sent into a
 * connection whose packets vanish (a NAT entry that expired, a failover behind a load balancer)
 * never refresh it. {@link RedisCalls} replaces the connection after any failure, and TCP
 * keepalive (and, where the native transport allows, {@code TCP_USER_TIMEOUT}) lets the kernel
 * find such a connection dead within about a minute rather than TCP's 15 or so.
 */
@Singleton
@Requires(beans = AbstractRedisClient.class)
final class RedisConnector {
    private final AbstractRedisClient client;
    private final CacheSettings settings;
    private final CacheStats stats;
    private final CacheClock clock;
    private final AtomicReference<Attempt> current = new AtomicReference<>();
    private final ExecutorService connecting = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "redis-connect");
        thread.setDaemon(true);
        return thread;
    });

    // The kernel probes a connection idle this long, then every KEEPALIVE_INTERVAL, and drops it
    // after KEEPALIVE_PROBES unanswered; unacknowledged data gives up after TCP_USER_TIMEOUT.
    private static final Duration KEEPALIVE_IDLE = Duration.ofSeconds(30);
    private static final Duration KEEPALIVE_INTERVAL = Duration.ofSeconds(10);
    private static final int KEEPALIVE_PROBES = 3;
    private static final Duration TCP_USER_TIMEOUT = Duration.ofSeconds(30);

    /** A connection, made or being made, and when Redis last answered on it. */
    private static final class Attempt {
        final CompletableFuture<StatefulConnection<byte[], byte[]>> connection;
        final AtomicBoolean awaited = new AtomicBoolean();
        volatile long lastAnsweredNanos;

        Attempt(CompletableFuture<StatefulConnection<byte[], byte[]>> connection, long startedNanos) {
            this.connection = connection;
            this.lastAnsweredNanos = startedNanos;
        }
    }

    /** No connection yet (one is being made): not a failure of Redis, the caller just skips L2 this time. */
    static final class NotConnectedYet extends Exception {
        NotConnectedYet() {
            super("no Redis connection yet", null, false, false);
        }
    }

    /** {@code client}: a {@link RedisClient} ({@code redis.uri}) or a {@link RedisClusterClient} ({@code redis.uris}). */
    RedisConnector(AbstractRedisClient client, CacheSettings settings, CacheStats stats, CacheClock clock) {
        this.client = client;
        this.settings = settings;
        this.stats = stats;
        this.clock = clock;
        SocketOptions.Builder options = SocketOptions.builder()
                .connectTimeout(settings.redisConnectTimeout())
                .keepAlive(SocketOptions.KeepAliveOptions.builder().enable()
                        .idle(KEEPALIVE_IDLE).interval(KEEPALIVE_INTERVAL).count(KEEPALIVE_PROBES).build());
        if (EpollProvider.isAvailable()) {
            // Only the native transport can set it; the NIO one (the default) has keepalive alone.
            options.tcpUserTimeout(SocketOptions.TcpUserTimeoutOptions.builder().enable()
                    .tcpUserTimeout(TCP_USER_TIMEOUT).build());
        }
        SocketOptions socket = options.build();
        if (client instanceof RedisClusterClient cluster) {
            cluster.setOptions(ClusterClientOptions.builder()
                    .socketOptions(socket)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .build());
        } else if (client instanceof RedisClient standalone) {
            standalone.setOptions(ClientOptions.builder()
                    .socketOptions(socket)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .build());
        }
    }

    /**
     * The commands of the connection, waiting at most {@code waitNanos} for one being made (and
     * only if no other request waited for it already).
     *
     * @throws NotConnectedYet   when it is not made in time: skip L2, nothing failed yet
     * @throws ExecutionException when making it failed: a Redis failure, for the breaker
     */
    RedisClusterAsyncCommands<byte[], byte[]> async(long waitNanos) throws NotConnectedYet, ExecutionException {
        Attempt attempt = usable();
        StatefulConnection<byte[], byte[]> c;
        if (attempt.connection.isDone()) {
            try {
                c = attempt.connection.join();
            } catch (RuntimeException failed) {
                current.compareAndSet(attempt, null);
                throw new ExecutionException(failed.getCause() != null ? failed.getCause() : failed);
            }
        } else if (waitNanos > 0 && attempt.awaited.compareAndSet(false, true)) {
            try {
                c = attempt.connection.get(waitNanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException notYet) {
                throw new NotConnectedYet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotConnectedYet();
            } catch (ExecutionException failed) {
                current.compareAndSet(attempt, null);
                throw failed;
            }
        } else {
            throw new NotConnectedYet();
        }
        return commandsOf(c);
    }

    /** The commands as soon as the connection is made (at once if it is), for calls nobody waits for. */
    CompletableFuture<RedisClusterAsyncCommands<byte[], byte[]>> whenConnected() {
        Attempt attempt = usable();
        return attempt.connection.handle((c, failure) -> {
            if (failure != null) {
                current.compareAndSet(attempt, null);
                throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
            }
            return commandsOf(c);
        });
    }

    private static RedisClusterAsyncCommands<byte[], byte[]> commandsOf(StatefulConnection<byte[], byte[]> c) {
        return c instanceof StatefulRedisClusterConnection<byte[], byte[]> cluster ? cluster.async()
                : ((StatefulRedisConnection<byte[], byte[]>) c).async();
    }

    /** Redis answered on the current connection: it is alive as of now. */
    void answered() {
        Attempt attempt = current.get();
        if (attempt != null) {
            attempt.lastAnsweredNanos = clock.nanos();
        }
    }

    /** The current attempt, or a new one if there is none or Redis has not answered on it for too long. */
    private Attempt usable() {
        while (true) {
            Attempt attempt = current.get();
            if (attempt != null && clock.nanos() - attempt.lastAnsweredNanos <= settings.redisIdleReconnect().toNanos()) {
                return attempt;
            }
            Attempt fresh = new Attempt(new CompletableFuture<>(), clock.nanos());
            if (current.compareAndSet(attempt, fresh)) {
                close(attempt);
                connecting.execute(() -> connect(fresh));
                return fresh;
            }
        }
    }

    private void connect(Attempt attempt) {
        try {
            StatefulConnection<byte[], byte[]> c = client instanceof RedisClusterClient cluster
                    ? cluster.connect(ByteArrayCodec.INSTANCE)
                    : ((RedisClient) client).connect(ByteArrayCodec.INSTANCE);
            // Lettuce's own timeout is only the backstop; L2Cache waits for each call's own deadline.
            c.setTimeout(settings.redisBulkTimeout());
            stats.redisConnected();
            warmUp(c);
            attempt.lastAnsweredNanos = clock.nanos();
            attempt.connection.complete(c);
        } catch (RuntimeException e) {
            attempt.connection.completeExceptionally(e);
        }
    }

    /**
     * Runs the cache's commands once with a generous wait, so the class loading and JIT of a cold
     * JVM are not charged to a request's 50 ms deadline. A failure here is ignored: the breaker
     * handles a Redis that is down when requests come.
     */
    private void warmUp(StatefulConnection<byte[], byte[]> c) {
        RedisClusterAsyncCommands<byte[], byte[]> async = commandsOf(c);
        byte[] key = "cf:{warm-up}:1m:gen".getBytes(StandardCharsets.UTF_8);
        try {
            async.ping().get(2, TimeUnit.SECONDS);
            async.eval(VersionScripts.READ, io.lettuce.core.ScriptOutputType.MULTI, new byte[][]{key, key}, "1".getBytes())
                    .get(2, TimeUnit.SECONDS);
            async.set(key, "0:warm-up".getBytes(StandardCharsets.UTF_8), SetArgs.Builder.px(1_000)).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // The connection is made; whether it works, the first real command will tell.
        }
    }

    /**
     * Drops the connection after a failure and starts making a new one at once, on the connector's
     * thread: the next command (the breaker's probe) goes out on it, not on one that may be dead. A
     * cluster client also reads the topology again, on that thread and without waiting: it learns
     * it only once otherwise, so after a failover or a node's replacement it would send that node's
     * slots to an address where nothing answers for as long as the container lives.
     */
    void replace() {
        if (client instanceof RedisClusterClient cluster) {
            try {
                connecting.execute(cluster::refreshPartitionsAsync);
            } catch (RejectedExecutionException closing) {
                return;
            }
        }
        Attempt old = current.get();
        if (old != null && !old.connection.isDone()) {
            return; // a connection is being made already: that one is new
        }
        Attempt fresh = new Attempt(new CompletableFuture<>(), clock.nanos());
        if (current.compareAndSet(old, fresh)) {
            close(old);
            try {
                connecting.execute(() -> connect(fresh));
            } catch (RejectedExecutionException closing) {
                fresh.connection.completeExceptionally(closing);
            }
        }
    }

    /** Drops the connection; the next command starts making a new one. */
    void reset() {
        close(current.getAndSet(null));
    }

    /**
     * Connects and warms up, waiting at most the connect and bulk timeouts: for the container's
     * start-up and SnapStart's restore hook, never a request.
     */
    void warmUp() {
        try {
            usable().connection.get(settings.redisConnectTimeout().plus(settings.redisBulkTimeout()).toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Down or slow: requests will find out, behind the breaker.
        }
    }

    private static void close(@Nullable Attempt attempt) {
        if (attempt != null) {
            attempt.connection.thenAccept(StatefulConnection::closeAsync);
        }
    }

    @PreDestroy
    void close() {
        reset();
        connecting.shutdownNow();
    }
}
