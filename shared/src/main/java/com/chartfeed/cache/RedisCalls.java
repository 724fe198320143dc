package com.chartfeed.cache;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Every Redis command of the cache goes through here, behind one circuit breaker: a call that
 * waits for its replies within a deadline ({@link #call}), or one nobody waits for ({@link #send}).
 * Either answers "nothing" instead of throwing when Redis is failing or skipped, counts what went
 * wrong, and tells the breaker. The layer ({@link RedisL2}), the fleet totals
 * ({@link RedisFleetStats}) and the read counts ({@link RedisRecentReads}) each build their own
 * commands on it. Only where there is Redis ({@link NoRedis} stands in for all of them otherwise).
 *
 * <p>The breaker is Resilience4j's: one failure opens it for {@code cache.breaker-open-for}, then
 * one call probes Redis (half-open, one permitted call) and its outcome closes or reopens it.
 * Every call that took a permission gives it back, whatever it throws (an {@link Error} included),
 * so a probe can never leave the breaker waiting for an outcome that does not come. After a
 * failure the connection is replaced at once: a connection whose packets vanish without a reset
 * would otherwise time out every probe until TCP gives up, about 15 minutes later.
 */
@Singleton
@Requires(beans = AbstractRedisClient.class)
final class RedisCalls {
    private static final Logger LOG = LoggerFactory.getLogger(RedisCalls.class);

    private final RedisConnector redis;
    private final CircuitBreaker breaker;
    private final CacheStats stats;
    private final CacheSettings settings;
    private final CacheClock clock;
    private final AtomicBoolean recovered = new AtomicBoolean();

    RedisCalls(RedisConnector redis, CacheSettings settings, CacheStats stats, CacheClock clock) {
        this.redis = redis;
        this.settings = settings;
        this.stats = stats;
        this.clock = clock;
        this.breaker = CircuitBreaker.of("redis", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(1)
                .minimumNumberOfCalls(1)
                .failureRateThreshold(100)
                .waitDurationInOpenState(settings.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .writableStackTraceEnabled(false)
                .build());
        breaker.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.CLOSED) {
                recovered.set(true);
            }
        });
    }

    /** How long a read on a chart's path may wait ({@code cache.redis-command-timeout}). */
    Duration commandTimeout() {
        return settings.redisCommandTimeout();
    }

    /** How long work off that path may wait ({@code cache.redis-bulk-timeout}). */
    Duration bulkTimeout() {
        return settings.redisBulkTimeout();
    }

    /** Whether the breaker is open (Redis failed recently and is being skipped). */
    boolean breakerOpen() {
        return breaker.getState() != CircuitBreaker.State.CLOSED;
    }

    /**
     * Whether Redis answered again after failing since the last call: the breaker closed. Read
     * once by {@link VersionRepair}, which then publishes what Redis missed.
     */
    boolean takeRecovery() {
        return recovered.get() && recovered.getAndSet(false);
    }

    private void succeeded(long startNanos) {
        redis.answered();
        breaker.onSuccess(clock.nanos() - startNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Sends the commands {@code body} issues (Lettuce pipelines them on the one connection) and
     * waits for all replies until {@code timeout}; {@code null} when skipped by the breaker or failed.
     */
    @Nullable
    <T> List<T> call(String command, Duration timeout, @Nullable RequestTimings timings,
                     Function<RedisClusterAsyncCommands<byte[], byte[]>, ? extends List<? extends Future<T>>> body) {
        if (!breaker.tryAcquirePermission()) {
            stats.l2Skipped();
            return null;
        }
        long start = clock.nanos();
        try {
            // A connection being made is waited for within the same deadline, never longer.
            long deadline = start + timeout.toNanos();
            RedisClusterAsyncCommands<byte[], byte[]> commands = redis.async(timeout.toNanos());
            List<? extends Future<T>> futures = body.apply(commands);
            List<T> results = new ArrayList<>(futures.size());
            for (Future<T> future : futures) {
                results.add(future.get(Math.max(0, deadline - clock.nanos()), TimeUnit.NANOSECONDS));
            }
            succeeded(start);
            return results;
        } catch (RedisConnector.NotConnectedYet notYet) {
            breaker.releasePermission();
            stats.l2Skipped();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            onFailure(command, start, e);
            return null;
        } catch (ExecutionException e) {
            onFailure(command, start, e.getCause());
            return null;
        } catch (TimeoutException | RuntimeException e) {
            onFailure(command, start, e);
            return null;
        } catch (Error e) {
            // Still an outcome, or a probe would hold the half-open breaker's one permission for good.
            onFailure(command, start, e);
            throw e;
        } finally {
            long l2Nanos = clock.nanos() - start;
            stats.l2Time(l2Nanos);
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
    CompletableFuture<Boolean> send(String command,
                                            Function<RedisClusterAsyncCommands<byte[], byte[]>, List<? extends RedisFuture<?>>> body) {
        if (!breaker.tryAcquirePermission()) {
            return CompletableFuture.completedFuture(false);
        }
        long start = clock.nanos();
        CompletableFuture<RedisClusterAsyncCommands<byte[], byte[]>> connected;
        try {
            connected = redis.whenConnected();
        } catch (RuntimeException e) {
            onFailure(command, start, e);
            return CompletableFuture.completedFuture(false);
        } catch (Error e) {
            onFailure(command, start, e);
            throw e;
        }
        // CompletableFuture hands whatever the body throws, Errors included, to handle().
        return connected
                .thenCompose(commands -> CompletableFuture.allOf(body.apply(commands).stream()
                        .map(RedisFuture::toCompletableFuture).toArray(CompletableFuture[]::new)))
                .orTimeout(settings.redisBulkTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((ok, failure) -> {
                    if (failure != null) {
                        onFailure(command, start, failure instanceof java.util.concurrent.CompletionException
                                && failure.getCause() != null ? failure.getCause() : failure);
                    } else {
                        succeeded(start);
                    }
                    return failure == null;
                });
    }

    /**
     * Opens the breaker and replaces the connection now, on the connector's own thread, so the
     * probe after the interval goes out on a new one: a timeout may be a connection whose packets
     * vanish (a NAT entry that expired), which would time out every later command too.
     */
    private void onFailure(String command, long startNanos, Throwable failure) {
        breaker.onError(clock.nanos() - startNanos, TimeUnit.NANOSECONDS, failure);
        if (isTimeout(failure)) {
            stats.l2Timeout();
        } else {
            stats.l2Error();
        }
        redis.replace();
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
