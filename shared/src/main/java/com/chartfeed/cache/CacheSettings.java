package com.chartfeed.cache;

import com.chartfeed.candles.Interval;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Every tunable of the tiered cache (prefix {@code cache}), defaulted in {@code application.yml}.
 *
 * @param l1MaximumWeight    bytes of values one container keeps in L1 (Caffeine, weighed by size)
 * @param stalenessBudget    how long a container trusts the last generation it read from Redis; the
 *                           bound on how late a container notices new candles
 * @param ttlMin             shortest time a value counts as fresh (1m candles)
 * @param ttlMax             longest (daily and weekly candles); between the two, the interval's length
 * @param staleFor           how long past its TTL a value is kept to answer {@code STALE} while the
 *                           database is down
 * @param httpMaxAgeMax      the longest {@code Cache-Control: max-age}; below it, a tenth of the interval
 * @param redisCommandTimeout a Redis call a request waits for (a read, or the publication of a PUT's or
 *                           an admin invalidation's version) that takes longer counts as a failure
 * @param redisBulkTimeout   the same for work no request waits for: ingestion events, version repair,
 *                           refresh-ahead
 * @param redisConnectTimeout how long connecting to Redis may take
 * @param breakerOpenFor     how long L2 is skipped after a failure before one request probes it again
 * @param redisIdleReconnect a connection unused this long is replaced before use (a thawed Lambda
 *                           container's sockets may be dead without knowing it)
 * @param statsFlushInterval how often a container adds its counters to the fleet totals in Redis
 * @param versionRepairInterval how often a container looks in PostgreSQL for versions that did not
 *                           reach Redis (and publishes them); also right after Redis answers again
 * @param unbumpedScopesKept how many never-bumped scopes (made-up symbols among them) a container
 *                           remembers the version of at most; bumped ones are bounded by the data
 */
@ConfigurationProperties("cache")
public record CacheSettings(
        @Bindable(defaultValue = "67108864") long l1MaximumWeight,
        @Bindable(defaultValue = "1s") Duration stalenessBudget,
        @Bindable(defaultValue = "60s") Duration ttlMin,
        @Bindable(defaultValue = "1h") Duration ttlMax,
        @Bindable(defaultValue = "1h") Duration staleFor,
        @Bindable(defaultValue = "300s") Duration httpMaxAgeMax,
        @Bindable(defaultValue = "50ms") Duration redisCommandTimeout,
        @Bindable(defaultValue = "2s") Duration redisBulkTimeout,
        @Bindable(defaultValue = "500ms") Duration redisConnectTimeout,
        @Bindable(defaultValue = "5s") Duration breakerOpenFor,
        @Bindable(defaultValue = "5m") Duration redisIdleReconnect,
        @Bindable(defaultValue = "10s") Duration statsFlushInterval,
        @Bindable(defaultValue = "1s") Duration versionRepairInterval,
        @Bindable(defaultValue = "10000") long unbumpedScopesKept) {

    /** How long a value of this interval is fresh: the interval's length, clamped to [ttlMin, ttlMax]. */
    public Duration ttl(Interval interval) {
        Duration length = Duration.ofSeconds(interval.seconds());
        return length.compareTo(ttlMin) < 0 ? ttlMin : length.compareTo(ttlMax) > 0 ? ttlMax : length;
    }

    /** How long a value is kept at all: fresh, then available as {@code STALE}. */
    public Duration retention(Interval interval) {
        return ttl(interval).plus(staleFor);
    }

    /** Browser/CDN {@code max-age} in seconds: a tenth of the interval, at least 1 s, at most httpMaxAgeMax. */
    public long httpMaxAgeSeconds(Interval interval) {
        return Math.max(1, Math.min(interval.seconds() / 10, httpMaxAgeMax.toSeconds()));
    }
}
