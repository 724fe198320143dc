package com.chartfeed.cache;

import com.chartfeed.candles.CandleVersions;
import com.chartfeed.candles.DatabaseBreaker;
import com.chartfeed.candles.Interval;
import io.lettuce.core.AbstractRedisClient;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes the versions that did not reach Redis when they were made (it was unreachable from
 * the writer): any container does, as soon as Redis answers it again and at the latest every
 * {@code cache.version-repair-interval}, so a write acknowledged with
 * {@code invalidatedFleetWide: false} reaches the whole fleet without waiting for its writer.
 *
 * <p>It runs on a thread of its own, started from a request's thread when due: a frozen Lambda
 * container runs no timers, and no request waits for the database or Redis on its behalf.
 *
 * <p>A version is forgotten as unpublished only once the replicas of the Redis master have it too
 * ({@link L2Cache.Publication#REPLICATED}); a run stops at the first that Redis did not take or did
 * not replicate in time, and the next run tries again. A run that fails (the database unreachable,
 * a query refused) is counted ({@code versionRepairFailures}) and logged at WARN, at most once per
 * {@code cache.breaker-open-for} with the number of failures since the last warning: a repair that
 * never succeeds leaves invalidations unseen by the fleet, and must not go unnoticed.
 */
@Singleton
@Requires(beans = AbstractRedisClient.class)
final class RedisVersionRepair implements VersionRepair {
    // Named after what it does, which is what an operator looks for in the logs.
    private static final Logger LOG = LoggerFactory.getLogger(VersionRepair.class);
    private static final int BATCH = 500;

    private final L2Cache l2;
    private final RedisCalls calls;
    private final CandleVersions versions;
    private final DatabaseBreaker database;
    private final CacheSettings settings;
    private final CacheStats stats;
    private final long intervalNanos;
    private final long warnEveryNanos;
    private final AtomicLong failuresSinceWarning = new AtomicLong();
    private volatile long nextWarningNanos;
    private final CacheClock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "version-repair");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long nextRunNanos;

    RedisVersionRepair(L2Cache l2, RedisCalls calls, CandleVersions versions, DatabaseBreaker database,
                       CacheSettings settings, CacheStats stats, CacheClock clock) {
        this.l2 = l2;
        this.calls = calls;
        this.versions = versions;
        this.database = database;
        this.settings = settings;
        this.stats = stats;
        this.intervalNanos = settings.versionRepairInterval().toNanos();
        this.warnEveryNanos = settings.breakerOpenFor().toNanos();
        this.clock = clock;
        this.nextRunNanos = clock.nanos();
        this.nextWarningNanos = nextRunNanos;
    }

    @Override
    public void maybeRun() {
        boolean recovered = calls.takeRecovery();
        if ((recovered || clock.nanos() - nextRunNanos >= 0) && running.compareAndSet(false, true)) {
            nextRunNanos = clock.nanos() + intervalNanos;
            executor.execute(this::runOnce);
        }
    }

    private void runOnce() {
        try {
            List<CandleVersions.Unpublished> pending = database.read(() -> versions.unpublished(BATCH));
            Map<String, Map<Interval, Long>> bySymbol = new LinkedHashMap<>();
            for (CandleVersions.Unpublished version : pending) {
                bySymbol.computeIfAbsent(version.symbol(), s -> new EnumMap<>(Interval.class))
                        .put(version.interval(), version.version());
            }
            int published = 0;
            for (Map.Entry<String, Map<Interval, Long>> symbol : bySymbol.entrySet()) {
                L2Cache.Publication publication = l2.publish(symbol.getKey(), symbol.getValue(), settings.redisBulkTimeout());
                if (publication == L2Cache.Publication.TAKEN) {
                    // Redis answers, but its replicas do not confirm: a failover could still lose these.
                    failed("the Redis master took versions of " + symbol.getKey() + " but its replicas did not confirm them");
                }
                if (publication != L2Cache.Publication.REPLICATED) {
                    break; // Redis down or lagging: the next run tries again
                }
                versions.published(symbol.getKey(), symbol.getValue());
                published += symbol.getValue().size();
            }
            if (published > 0) {
                LOG.info("published {} version(s) that had not reached Redis", published);
            }
        } catch (RuntimeException e) {
            failed(e.toString());
        } finally {
            running.set(false);
        }
    }

    private void failed(String why) {
        stats.versionRepairFailed();
        long failures = failuresSinceWarning.incrementAndGet();
        long now = clock.nanos();
        if (now - nextWarningNanos >= 0) {
            nextWarningNanos = now + warnEveryNanos;
            failuresSinceWarning.addAndGet(-failures);
            LOG.warn("version repair failed ({} time(s) since the last warning), retried every {}: versions Redis "
                    + "missed stay unseen by other containers until it succeeds: {}", failures,
                    settings.versionRepairInterval(), why);
        }
    }
}
