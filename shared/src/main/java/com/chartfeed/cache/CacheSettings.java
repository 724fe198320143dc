package com.chartfeed.cache;

import com.chartfeed.candles.Interval;
import com.chartfeed.settings.Setting;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;

import java.time.Duration;

/**
 * Every tunable of the tiered cache (prefix {@code cache}), defaulted in {@code application.yml}
 * (and only there). Checked when bound, at start-up: a bad value stops the context, naming it.
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
@Context
@ConfigurationProperties("cache")
public record CacheSettings(
        long l1MaximumWeight,
        Duration stalenessBudget,
        Duration ttlMin,
        Duration ttlMax,
        Duration staleFor,
        Duration httpMaxAgeMax,
        Duration redisCommandTimeout,
        Duration redisBulkTimeout,
        Duration redisConnectTimeout,
        Duration breakerOpenFor,
        Duration redisIdleReconnect,
        Duration statsFlushInterval,
        Duration versionRepairInterval,
        long unbumpedScopesKept) {

    public CacheSettings {
        // 0 is allowed: no L1 at all (every lookup goes to Redis), as the load tests measure it.
        Setting.notNegative("cache.l1-maximum-weight", l1MaximumWeight);
        Setting.positive("cache.staleness-budget", stalenessBudget);
        Setting.positive("cache.ttl-min", ttlMin);
        Setting.positive("cache.ttl-max", ttlMax);
        Setting.atMost("cache.ttl-min", ttlMin, "cache.ttl-max", ttlMax);
        Setting.notNegative("cache.stale-for", staleFor);
        Setting.notNegative("cache.http-max-age-max", httpMaxAgeMax);
        Setting.positive("cache.redis-command-timeout", redisCommandTimeout);
        Setting.positive("cache.redis-bulk-timeout", redisBulkTimeout);
        Setting.positive("cache.redis-connect-timeout", redisConnectTimeout);
        Setting.positive("cache.breaker-open-for", breakerOpenFor);
        Setting.positive("cache.redis-idle-reconnect", redisIdleReconnect);
        Setting.positive("cache.stats-flush-interval", statsFlushInterval);
        Setting.positive("cache.version-repair-interval", versionRepairInterval);
        Setting.notNegative("cache.unbumped-scopes-kept", unbumpedScopesKept);
    }

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
