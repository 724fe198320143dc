package com.chartfeed.functions.invalidation;

import com.chartfeed.cache.CacheKey;
import com.chartfeed.cache.CacheSource;
import com.chartfeed.cache.L2Cache;
import com.chartfeed.cache.RequestTimings;
import com.chartfeed.candles.Interval;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorType;
import com.chartfeed.indicators.PriceSource;
import com.chartfeed.service.CandleWriter;
import com.chartfeed.service.IndicatorService;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import io.micronaut.context.ApplicationContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Another container of the fleet, reading charts: a second application context on the same Redis
 * and PostgreSQL, trusting a generation it read for {@value #STALENESS_BUDGET_MILLIS} ms only. What
 * it reads after an event is what a user of another container would get.
 */
final class ReaderContainer implements AutoCloseable {
    static final long STALENESS_BUDGET_MILLIS = 100;
    private static final IndicatorParams EMA = new IndicatorParams(IndicatorType.EMA, new double[] {30},
            PriceSource.CLOSE);

    final ApplicationContext context;

    ReaderContainer(String redisUri) {
        this(Map.of("redis.uri", redisUri));
    }

    /** On the Redis (or cluster, {@code redis.uris}) {@code redis} names. */
    ReaderContainer(Map<String, Object> redis) {
        Map<String, Object> properties = new HashMap<>(redis);
        properties.putAll(Map.of("cache.staleness-budget", STALENESS_BUDGET_MILLIS + "ms",
                "cache.redis-command-timeout", TestServices.COHERENCE_REDIS_TIMEOUT));
        context = TestServices.startOnPostgres(properties);
    }

    /**
     * Uploads 1h candles for a new symbol and caches its EMA: MISS, then a hit that is still a hit
     * once the budget has passed and the generation was asked again. So a MISS after an event can
     * only come from the event.
     */
    String uploadAndCache(String prefix) throws InterruptedException {
        return cache(TestServices.uniqueSymbol(prefix));
    }

    /** {@link #uploadAndCache} for a symbol of the caller's. */
    String cache(String symbol) throws InterruptedException {
        upload(symbol, Interval.H1);
        assertEquals(CacheSource.MISS, read(symbol, Interval.H1));
        assertEquals(CacheSource.HIT_L1, read(symbol, Interval.H1));
        waitPastBudget();
        assertEquals(CacheSource.HIT_L1, read(symbol, Interval.H1));
        return symbol;
    }

    void upload(String symbol, Interval interval) {
        context.getBean(CandleWriter.class).upsert(symbol, interval, TestCandles.randomWalk(symbol, interval, 200, 30));
    }

    /** After the budget: the next 1h read is a MISS and the one after it a hit. */
    void assertMissThenHit(String symbol) throws InterruptedException {
        waitPastBudget();
        assertEquals(CacheSource.MISS, read(symbol, Interval.H1), "the next read after the event");
        assertEquals(CacheSource.HIT_L1, read(symbol, Interval.H1), "the read after that");
    }

    CacheSource read(String symbol, Interval interval) {
        return context.getBean(IndicatorService.class).series(symbol, interval, EMA, new RequestTimings()).source();
    }

    /** The version Redis holds for the scope ({@code -1}: it does not know it). */
    long generation(String symbol, Interval interval) {
        return context.getBean(L2Cache.class).fetch(List.of(new CacheKey.Scope(symbol, interval)), List.of(),
                new RequestTimings()).versions()[0];
    }

    void waitPastBudget() throws InterruptedException {
        Thread.sleep(STALENESS_BUDGET_MILLIS * 2);
    }

    @Override
    public void close() {
        context.close();
    }
}
