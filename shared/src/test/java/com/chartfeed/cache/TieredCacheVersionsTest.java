package com.chartfeed.cache;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.CandleVersions;
import com.chartfeed.candles.DatabaseBreaker;
import com.chartfeed.candles.Interval;
import com.chartfeed.problems.ProblemException;
import com.chartfeed.testing.RedisServerProcess;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How {@link TieredCache} judges versions, against a real PostgreSQL (the versions) and a
 * {@code redis-server} of the test's own. Each "container" is a {@link TieredCache} of its own on
 * the context's L2 and database, with clocks the test controls where time matters.
 */
class TieredCacheVersionsTest {
    private static final long BUDGET_MILLIS = 1_000;

    private static RedisServerProcess redis;
    private static ApplicationContext context;

    @BeforeAll
    static void start() {
        redis = TestServices.startRedisServer();
        context = TestServices.startOnPostgres(Map.of("redis.uri", redis.uri(),
                "cache.staleness-budget", BUDGET_MILLIS + "ms", "cache.redis-command-timeout", "250ms",
                "cache.unbumped-scopes-kept", "500",
                // No background publication of what a test leaves unpublished on purpose.
                "cache.version-repair-interval", "1h"));
    }

    @AfterAll
    static void stop() {
        context.close();
        redis.close();
    }

    /**
     * A load labelled v is held up (a slow database read, a container frozen after a batch's
     * deadline) while v + 1 is written. A request that knows v + 1 does not join it and serve its
     * value as current; when the held load finishes late, its older value replaces neither the
     * newer one in L1 nor the one in Redis.
     */
    @Test
    void aLoadOfAnOlderVersionIsNeitherJoinedNorStoredOverANewerOne() throws Exception {
        TieredCache container = container(new CacheClock());
        String symbol = TestServices.uniqueSymbol("FOLLOW");
        CacheKey key = CacheKey.candles(symbol, Interval.H1);
        CandleColumns before = TestCandles.randomWalk(symbol, Interval.H1, 50, 100);
        CandleColumns after = TestCandles.randomWalk(symbol, Interval.H1, 51, 100);

        CountDownLatch leaderReading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Threads of their own: the common pool may have a single thread, which the held leader occupies.
        ExecutorService threads = Executors.newCachedThreadPool();
        CompletableFuture<Lookup<CandleColumns>> leader = CompletableFuture.supplyAsync(() ->
                container.get(key, () -> {
                    leaderReading.countDown();
                    await(release);
                    return before;
                }, new RequestTimings()), threads);
        assertTrue(leaderReading.await(10, TimeUnit.SECONDS));
        long newer = bumpAndPublish(symbol, container);

        CountDownLatch followerLoading = new CountDownLatch(1);
        CompletableFuture<Lookup<CandleColumns>> follower = CompletableFuture.supplyAsync(() ->
                container.get(key, () -> {
                    followerLoading.countDown();
                    return after;
                }, new RequestTimings()), threads);
        // Either the follower loads on its own, or it waits for the leader: then let the leader go.
        boolean loadedItself = followerLoading.await(3, TimeUnit.SECONDS);
        if (!loadedItself) {
            release.countDown();
        }
        Lookup<CandleColumns> followed = follower.get(10, TimeUnit.SECONDS);
        assertSame(after, followed.value(), "the follower served the value of an older version as " + followed.source());
        assertEquals(newer, followed.entry().generation());

        release.countDown();
        threads.shutdown();
        assertSame(before, leader.get(10, TimeUnit.SECONDS).value(), "the held load's own caller, who asked before the write");
        Lookup<CandleColumns> again = container.get(key, noLoad(), new RequestTimings());
        assertEquals(CacheSource.HIT_L1, again.source(), "the late load replaced the newer value in L1");
        assertSame(after, again.value());

        TieredCache other = container(new CacheClock());
        Lookup<CandleColumns> shared = other.get(key, noLoad(), new RequestTimings());
        assertEquals(CacheSource.HIT_L2, shared.source(), "the late load overwrote the newer value in Redis");
        assertEquals(after.size(), shared.value().size());
    }

    /**
     * {@code clearLocally} (after an admin clear, or a SnapStart restore) must not let a container
     * learn an older version again: here Redis missed the publication of the newer one.
     */
    @Test
    void clearingLocallyKeepsTheVersionsKnown() {
        TieredCache container = container(new CacheClock());
        String symbol = TestServices.uniqueSymbol("FLOOR");
        CacheKey key = CacheKey.candles(symbol, Interval.H1);
        CandleColumns before = TestCandles.randomWalk(symbol, Interval.H1, 50, 100);
        CandleColumns after = TestCandles.randomWalk(symbol, Interval.H1, 51, 100);
        assertEquals(CacheSource.MISS, container.get(key, () -> before, new RequestTimings()).source());

        // Written through this container while Redis could not take it: known here only.
        Map<Interval, Long> written = context.getBean(CandleVersions.class).bump(symbol, List.of(Interval.H1),
                CandleVersions.Change.UNRECORDED);
        container.advance(symbol, written);
        container.clearLocally();

        Lookup<CandleColumns> answer = container.get(key, () -> after, new RequestTimings());
        assertSame(after, answer.value(), "an older version was learnt again from Redis: " + answer.source());
        assertEquals(CacheSource.MISS, answer.source());
    }

    /**
     * A container frozen between invocations may not advance its monotonic clock; the wall clock
     * moved on, and so did the data. A version is trusted only while both clocks agree.
     */
    @Test
    void aVersionIsTrustedOnlyWhileBothClocksSayItIsWithinTheBudget() {
        AtomicLong ticker = new AtomicLong(1_000_000_000L);
        AtomicLong wall = new AtomicLong(System.currentTimeMillis());
        TieredCache container = container(new CacheClock(ticker::get, () -> Instant.ofEpochMilli(wall.get())));
        String symbol = TestServices.uniqueSymbol("FROZEN");
        CacheKey key = CacheKey.candles(symbol, Interval.H1);
        CandleColumns before = TestCandles.randomWalk(symbol, Interval.H1, 50, 100);
        CandleColumns after = TestCandles.randomWalk(symbol, Interval.H1, 51, 100);
        assertEquals(CacheSource.MISS, container.get(key, () -> before, new RequestTimings()).source());
        assertEquals(CacheSource.HIT_L1, container.get(key, noLoad(), new RequestTimings()).source());

        bumpAndPublish(symbol, null); // another container's write
        wall.addAndGet(2 * BUDGET_MILLIS); // frozen: the ticker stood still
        Lookup<CandleColumns> thawed = container.get(key, () -> after, new RequestTimings());
        assertNotEquals(CacheSource.HIT_L1, thawed.source(), "trusted across a freeze by the ticker alone");
        assertSame(after, thawed.value());

        // And the other way round: the wall clock stepped back, the ticker went on.
        bumpAndPublish(symbol, null);
        ticker.addAndGet(2 * BUDGET_MILLIS * 1_000_000L);
        wall.addAndGet(-10 * BUDGET_MILLIS);
        assertEquals(CacheSource.MISS, container.get(key, () -> before, new RequestTimings()).source());
    }

    /** Made-up symbols (unauthenticated requests, each a 404) leave a bounded trace in each container. */
    @Test
    void madeUpSymbolsKeepTheVersionsKnownBounded() {
        TieredCache cache = context.getBean(TieredCache.class);
        String prefix = TestServices.uniqueSymbol("MADE");
        for (int i = 0; i < 2_000; i++) {
            CacheKey key = CacheKey.candles(prefix + i, Interval.D1);
            try {
                cache.get(key, () -> {
                    throw ProblemException.notFound("symbol", "no candles");
                }, new RequestTimings());
            } catch (ProblemException expected) {
                // a 404, as for any made-up symbol
            }
        }
        long known = cache.versionsKnown();
        assertTrue(known <= 500, known + " scopes known after 2,000 made-up symbols");
    }

    private static Supplier<CandleColumns> noLoad() {
        return () -> {
            throw new AssertionError("loaded: nothing current was cached");
        };
    }

    /** A write: a new version in PostgreSQL, published to Redis; {@code writer} learns it too. */
    private static long bumpAndPublish(String symbol, TieredCache writer) {
        Map<Interval, Long> written = context.getBean(CandleVersions.class).bump(symbol, List.of(Interval.H1),
                CandleVersions.Change.UNRECORDED);
        assertNotEquals(L2Cache.Publication.NOT_TAKEN,
                context.getBean(L2Cache.class).publish(symbol, written, Duration.ofSeconds(2)));
        if (writer != null) {
            writer.advance(symbol, written);
        }
        return written.get(Interval.H1);
    }

    private static TieredCache container(CacheClock clock) {
        return new TieredCache(context.getBean(L2Cache.class), context.getBean(CacheSettings.class),
                context.getBean(CacheStats.class), context.getBean(FleetStats.class),
                context.getBean(RecentReads.class), context.getBean(CandleVersions.class),
                context.getBean(DatabaseBreaker.class), context.getBean(VersionRepair.class), clock);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
