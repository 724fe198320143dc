package com.chartfeed.cache;

import com.chartfeed.candles.CandleVersions;
import com.chartfeed.candles.Interval;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Makes cached values of a symbol stop counting, everywhere: a new version of each affected
 * (symbol, interval) in PostgreSQL (the authority, which no cache failure can roll back), known to
 * this container at once and published to Redis for the fleet (one script per symbol, no
 * {@code KEYS}, no {@code SCAN}). Other containers notice within the staleness budget. A version
 * Redis did not take stays recorded as unpublished, and {@link VersionRepair} publishes it once
 * Redis answers again. Idempotent in effect: invalidating twice only costs one extra recomputation.
 * No candle row records what changed ({@link CandleVersions.Change#UNRECORDED}: the ingestion side
 * wrote the candles, or an operator asks to forget), so a reader holding an older version reads
 * the whole history again.
 *
 * <p>A request (a PUT of candles, an admin invalidation) waits for Redis at most the command
 * deadline, like any other request: a Redis that does not answer in time leaves the version to the
 * repair, and the answer says {@code invalidatedFleetWide: false}. An ingestion event, which no
 * chart waits for and Lambda retries when reported failed, may wait the bulk timeout.
 */
@Singleton
public final class CacheInvalidator {
    private static final Logger LOG = LoggerFactory.getLogger(CacheInvalidator.class);
    /** No symbol's versions: what {@link #invalidateAll} publishes first, to learn how far it reaches. */
    private static final String NO_SYMBOL = "";

    private final TieredCache cache;
    private final L2Cache l2;
    private final CandleVersions versions;
    private final CacheSettings settings;

    public CacheInvalidator(TieredCache cache, L2Cache l2, CandleVersions versions, CacheSettings settings) {
        this.cache = cache;
        this.l2 = l2;
        this.versions = versions;
        this.settings = settings;
    }

    /** Who waits for an invalidation, and so how long its publication may wait for Redis. */
    public enum Waiting {
        /** A request's answer: {@code cache.redis-command-timeout}, as for any request. */
        REQUEST,
        /** An ingestion event, retried by Lambda when reported failed: {@code cache.redis-bulk-timeout}. */
        EVENT
    }

    /**
     * What an invalidation did.
     *
     * @param fleetWide whether Redis took it (false: this container at once, the others once Redis
     *                  answers again and a container publishes it, see {@link VersionRepair})
     */
    @Serdeable
    public record Invalidation(List<String> symbols, List<String> intervals, boolean fleetWide) {
    }

    /** Invalidates one symbol, in one interval or (when {@code interval} is null) in all of them. */
    public Invalidation invalidate(String symbol, @Nullable Interval interval, Waiting waiting) {
        List<Interval> intervals = interval == null ? List.of(Interval.values()) : List.of(interval);
        L2Cache.Publication publication = publish(symbol,
                versions.bump(symbol, intervals, CandleVersions.Change.UNRECORDED), waiting);
        return new Invalidation(List.of(symbol), intervals.stream().map(Interval::code).toList(),
                publication.reachedFleet());
    }

    /**
     * An ingestion event's {@link #invalidate}: how far it reached, so that one Redis did not take
     * ({@link L2Cache.Publication#NOT_TAKEN}) is reported failed and retried.
     */
    public L2Cache.Publication invalidateForEvent(String symbol, @Nullable Interval interval) {
        List<Interval> intervals = interval == null ? List.of(Interval.values()) : List.of(interval);
        return publish(symbol, versions.bump(symbol, intervals, CandleVersions.Change.UNRECORDED), Waiting.EVENT);
    }

    /** Invalidates every interval of every given symbol, and clears this container's L1 (a request). */
    public Invalidation invalidateAll(Collection<String> symbols) {
        // From what publishing no versions reaches: the fleet at once with Redis, and without it
        // nobody, so that not even the invalidation of no symbols at all is fleet-wide there.
        boolean fleetWide = l2.publish(NO_SYMBOL, Map.of(), settings.redisCommandTimeout()).reachedFleet();
        for (String symbol : symbols) {
            fleetWide &= announce(symbol, versions.bump(symbol, List.of(Interval.values()),
                    CandleVersions.Change.UNRECORDED), Waiting.REQUEST);
        }
        cache.clearLocally();
        return new Invalidation(List.copyOf(symbols), List.of(), fleetWide);
    }

    /**
     * Makes versions committed in PostgreSQL count: here at once, in the fleet through Redis. Call
     * only after the commit, or a reader could label old candles with the new version. Whether
     * the fleet has them (Redis took them in time). They stay recorded as unpublished, for the
     * repair, unless the replicas that a failover could promote have them too.
     */
    public boolean announce(String symbol, Map<Interval, Long> committed, Waiting waiting) {
        return publish(symbol, committed, waiting).reachedFleet();
    }

    private L2Cache.Publication publish(String symbol, Map<Interval, Long> committed, Waiting waiting) {
        cache.advance(symbol, committed);
        L2Cache.Publication publication = l2.publish(symbol, committed,
                waiting == Waiting.REQUEST ? settings.redisCommandTimeout() : settings.redisBulkTimeout());
        switch (publication) {
            // No fleet to tell: containers without Redis read versions from PostgreSQL.
            case NO_FLEET, REPLICATED -> markPublished(symbol, committed);
            case NOT_TAKEN -> LOG.warn("invalidation of {} scope(s) of {} reached only this container: Redis did "
                    + "not take it in time; it is published when Redis answers again", committed.size(), symbol);
            case TAKEN -> LOG.debug("invalidation of {} scope(s) of {} reached the Redis master but not yet all its "
                    + "replicas; kept for the repair to publish again", committed.size(), symbol);
        }
        return publication;
    }

    private void markPublished(String symbol, Map<Interval, Long> committed) {
        try {
            versions.published(symbol, committed);
        } catch (RuntimeException e) {
            // Left unpublished, it is only published once more by a repair: harmless.
            LOG.debug("could not record versions of {} as published: {}", symbol, e.toString());
        }
    }
}
