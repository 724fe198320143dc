package com.chartfeed.cache;

import com.chartfeed.candles.Interval;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fleet-wide layer: cached values and the versions they must carry, shared by every container.
 * With Redis ({@code redis.uri} or {@code redis.uris}) it is {@link RedisL2}; without, {@link NoRedis},
 * which holds nothing and tells nobody, so no caller asks whether there is an L2. Nothing here
 * throws for want of Redis: a read answers {@code null}, a write is dropped, and the caller goes
 * on with L1 and PostgreSQL.
 */
public interface L2Cache {

    /**
     * Versions and values, from one round trip.
     *
     * @param versions   each scope's version, {@code -1} where Redis does not know it (absent, or
     *                   written before a restart or failover of the server now answering)
     * @param identities each scope's Redis server identity at the read, for {@link #seed}
     */
    record Fetched(long[] versions, byte[][] values, String[] identities) {
    }

    /**
     * The versions of {@code scopes} and the stored values of {@code keys}, in one round trip,
     * leaving out each value not newer than {@code held[i]}, the version of the entry of
     * {@code keys[i]} the caller holds ({@code -1}: none); {@code null} if Redis failed, was
     * skipped, or there is none.
     */
    @Nullable
    Fetched fetch(List<CacheKey.Scope> scopes, List<CacheKey> keys, long[] held, RequestTimings timings);

    /** {@link #fetch(List, List, long[], RequestTimings)}, holding nothing. */
    @Nullable
    default Fetched fetch(List<CacheKey.Scope> scopes, List<CacheKey> keys, RequestTimings timings) {
        long[] none = new long[keys.size()];
        Arrays.fill(none, -1);
        return fetch(scopes, keys, none, timings);
    }

    /**
     * Counts a key this layer did not answer current (the caller judges what {@link #fetch}
     * brought): the L2 misses. Nothing without Redis, where no key is looked up.
     */
    void missed();

    /**
     * Stores {@code entry} for {@code retention}, without waiting, unless Redis holds a value of a
     * newer version: a slow container never overwrites the value of a newer one.
     */
    void store(CacheKey key, CacheEntry<?> entry, Duration retention);

    /**
     * Stores encoded values for {@code retention} in one pipeline and waits (the bulk timeout, off
     * any request's path); whether all were taken.
     */
    boolean storeAll(Map<CacheKey, byte[]> values, Duration retention);

    /** How far a publication got. */
    enum Publication {
        /** There is no Redis: no other container to tell, each reads versions from PostgreSQL. */
        NO_FLEET,
        /** Redis did not take it in time (down, hung, skipped by the breaker): it stays unpublished. */
        NOT_TAKEN,
        /**
         * The master took it, so the fleet reads it, but its replicas did not confirm it in time: a
         * failover now could lose it, so it stays recorded as unpublished for the repair.
         */
        TAKEN,
        /** The master took it and every replica connected to it confirmed it (or it has none). */
        REPLICATED;

        /** Whether the other containers read it now. */
        public boolean reachedFleet() {
            return this == TAKEN || this == REPLICATED;
        }
    }

    /**
     * Tells the fleet of new versions of {@code symbol}, waiting at most {@code timeout}: the
     * command deadline on a request's path, the bulk timeout off it. A version may be forgotten as
     * unpublished only when {@link Publication#REPLICATED} or {@link Publication#NO_FLEET}. No
     * versions at all are published without a round trip: {@link Publication#REPLICATED} where
     * there is a fleet, {@link Publication#NO_FLEET} where there is none.
     */
    Publication publish(String symbol, Map<Interval, Long> versions, Duration timeout);

    /**
     * Re-seeds Redis, without waiting, with versions a reader found only in PostgreSQL, each only
     * if the server is still the one whose identity ({@link Fetched#identities()}) the reader saw.
     */
    void seed(Map<CacheKey.Scope, Long> versions, Map<CacheKey.Scope, String> identities);

    /** The state of the breaker in front of Redis, as the stats and health reports show it. */
    enum Breaker {
        /** Redis answers (or has not failed since it was last probed). */
        CLOSED,
        /** Redis failed recently and is being skipped until a probe. */
        OPEN,
        /** There is no Redis. */
        DISABLED;

        /** {@code closed}, {@code open} or {@code disabled}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    Breaker breaker();

    /** Whether Redis failed recently and is being skipped. */
    default boolean breakerOpen() {
        return breaker() == Breaker.OPEN;
    }

    /**
     * This layer in {@code GET /v1/cache/health}: {@code status} ({@code UP} and the round trip of
     * a PING, {@code DOWN}, or {@code DISABLED}), then the breaker's state where there is one.
     */
    Map<String, Object> health();

    /**
     * Redis's own figures from {@code INFO} (memory, evictions, hits) for {@code GET /v1/cache/stats},
     * or {@code {"available": false}}.
     */
    Map<String, Object> info();

    /**
     * Makes the connection and warms it up, waiting at most the connect and bulk timeouts: for the
     * container's start-up and SnapStart's restore hook, never a request.
     */
    void connect();

    /** Drops the connection (before a SnapStart snapshot); the next command makes a new one. */
    void disconnect();
}
