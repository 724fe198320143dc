package com.chartfeed.cache;

import com.chartfeed.api.QueryParser;
import com.chartfeed.candles.Interval;
import com.chartfeed.indicators.IndicatorType;
import com.chartfeed.testing.TcpProxy;
import com.chartfeed.testing.TestServices;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads counted in a container reach Redis as per-scope counts that rank the entries refresh-ahead recomputes. */
class RecentReadsTest {

    @Test
    void theMostReadEntriesOfAScopeComeFirst() throws Exception {
        try (ApplicationContext context = TestServices.startOnPostgres(Map.of("redis.uri", TestServices.redisUri(),
                "cache.refresh-ahead.enabled", true, "cache.refresh-ahead.flush-interval", "1h"))) {
            String symbol = TestServices.uniqueSymbol("RRRANK");
            CacheKey candles = CacheKey.candles(symbol, Interval.H1);
            CacheKey rsi = CacheKey.series(symbol, Interval.H1, QueryParser.params(IndicatorType.RSI, Map.of()));
            CacheKey macd = CacheKey.series(symbol, Interval.H1, QueryParser.params(IndicatorType.MACD, Map.of()));
            RecentReads reads = context.getBean(RecentReads.class);
            for (int i = 0; i < 3; i++) {
                reads.record(rsi);
            }
            reads.record(candles);
            reads.record(candles);
            reads.record(macd);
            assertTrue(reads.flush().get(5, TimeUnit.SECONDS));
            reads.record(macd);
            reads.record(macd);
            assertTrue(reads.flush().get(5, TimeUnit.SECONDS), "a second flush adds to the counts");

            RefreshAheadSettings settings = context.getBean(RefreshAheadSettings.class);
            RecentReads.Recent recent = reads.recent(List.of(candles.scope()),
                    settings.window(System.currentTimeMillis()), 2);
            assertEquals(List.of(List.of(macd.kind(), rsi.kind())), recent.kinds());
        }
    }

    /** The flush may be the breaker's one probe after Redis came back; it must close the breaker. */
    @Test
    void aFlushThatProbesRedisClosesTheBreaker() throws Exception {
        URI redis = URI.create(TestServices.redisUri());
        try (TcpProxy proxy = TcpProxy.to(redis.getHost(), redis.getPort());
             ApplicationContext context = TestServices.startOnPostgres(Map.of(
                     "redis.uri", "redis://127.0.0.1:" + proxy.port(), "cache.breaker-open-for", "200ms",
                     "cache.redis-command-timeout", "100ms", "cache.refresh-ahead.enabled", true,
                     "cache.refresh-ahead.flush-interval", "1h"))) {
            L2Cache l2 = context.getBean(L2Cache.class);
            RecentReads reads = context.getBean(RecentReads.class);
            CacheKey key = CacheKey.candles(TestServices.uniqueSymbol("RRPROBE"), Interval.H1);
            assertEquals(CacheHealth.UP, context.getBean(CacheHealth.class).check().l2().get("status"), "Redis answers");
            proxy.blackhole();
            assertNull(l2.fetch(List.of(key.scope()), List.of(key), new RequestTimings()));
            assertTrue(l2.breakerOpen());
            proxy.restore();
            Thread.sleep(400);

            reads.record(key);
            assertTrue(reads.flush().get(5, TimeUnit.SECONDS));
            assertFalse(l2.breakerOpen());
        }
    }
}
