package com.chartfeed.functions.invalidation;

import com.chartfeed.cache.CacheSource;
import com.chartfeed.cache.CacheStats;
import com.chartfeed.cache.Lookup;
import com.chartfeed.cache.RecentReads;
import com.chartfeed.cache.RequestTimings;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.CandleStore;
import com.chartfeed.candles.Interval;
import com.chartfeed.candles.SymbolDirectory;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorSeries;
import com.chartfeed.indicators.IndicatorType;
import com.chartfeed.indicators.PriceSource;
import com.chartfeed.ingestion.InvalidationUnavailableException;
import com.chartfeed.service.CandleHistory;
import com.chartfeed.service.CandleWriter;
import com.chartfeed.service.IndicatorService;
import com.chartfeed.testing.IngestionEvents;
import com.chartfeed.testing.TcpProxy;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Refresh-ahead end to end: a reader container reads charts (and so records them), the ingestion
 * side writes a new candle to PostgreSQL and publishes CandlesIngested, the real handler
 * invalidates and refreshes, and a chart read in a fresh container right after is an L2 hit that
 * already includes the new candle.
 */
class RefreshAheadTest {
    private static final IndicatorParams EMA = new IndicatorParams(IndicatorType.EMA, new double[] {30},
            PriceSource.CLOSE);
    private static final IndicatorParams MACD = new IndicatorParams(IndicatorType.MACD, new double[] {12, 26, 9},
            PriceSource.CLOSE);
    private static final IndicatorParams SMA = new IndicatorParams(IndicatorType.SMA, new double[] {30},
            PriceSource.CLOSE);

    private static InvalidationFunctionHarness refreshing;
    private static InvalidationFunctionHarness notRefreshing;
    private static InvalidationFunctionHarness refreshingTwo;
    private static ApplicationContext reader;

    @BeforeAll
    static void start() {
        refreshing = new InvalidationFunctionHarness(TestServices.redisUri(), Map.of("cache.refresh-ahead.enabled", true));
        notRefreshing = new InvalidationFunctionHarness(TestServices.redisUri(), Map.of("cache.refresh-ahead.enabled", false));
        refreshingTwo = new InvalidationFunctionHarness(TestServices.redisUri(), Map.of("cache.refresh-ahead.enabled", true,
                "cache.refresh-ahead.max-keys-per-scope", 2));
        reader = reader();
    }

    @AfterAll
    static void stop() {
        refreshing.close();
        notRefreshing.close();
        refreshingTwo.close();
        reader.close();
    }

    @Test
    void theFirstChartAfterAnSnsEventIsAnL2HitWithTheNewCandle() throws Exception {
        String symbol = readChart("RAHSNS");
        long newCandle = ingestOneCandle(symbol);
        refreshing.invoke(IngestionEvents.sns(IngestionEvents.object(symbol, "1h")));

        try (ApplicationContext other = reader()) {
            assertFreshHit(other, symbol, EMA, newCandle);
            assertFreshHit(other, symbol, MACD, newCandle);
            Lookup<CandleColumns> candles = other.getBean(CandleHistory.class).load(symbol, Interval.H1, new RequestTimings());
            assertEquals(CacheSource.HIT_L2, candles.source());
            assertEquals(newCandle, candles.value().t()[candles.value().size() - 1]);
            assertEquals(CacheSource.MISS, series(other, symbol, SMA).source(), "a series nobody read is not refreshed");
        }
    }

    @Test
    void theFirstChartAfterAnEventBridgeEventIsAnL2Hit() throws Exception {
        String symbol = readChart("RAHEB");
        long newCandle = ingestOneCandle(symbol);
        refreshing.invoke(IngestionEvents.eventBridge("candles.ingestion", "CandlesIngested",
                IngestionEvents.object(symbol, "1h")));

        try (ApplicationContext other = reader()) {
            assertFreshHit(other, symbol, EMA, newCandle);
        }
    }

    @Test
    void withRefreshAheadOffTheFirstChartAfterAnEventIsAMiss() throws Exception {
        String symbol = readChart("RAHOFF");
        long newCandle = ingestOneCandle(symbol);
        notRefreshing.invoke(IngestionEvents.sns(IngestionEvents.object(symbol, "1h")));

        try (ApplicationContext other = reader()) {
            Lookup<IndicatorSeries> ema = series(other, symbol, EMA);
            assertEquals(CacheSource.MISS, ema.source());
            assertEquals(newCandle, ema.value().t()[ema.value().size() - 1]);
        }
    }

    /**
     * An invocation with less time left than {@code cache.refresh-ahead.lambda-reserve} (3 s)
     * invalidates and answers as always, and refreshes nothing.
     */
    @Test
    void noRefreshPastTheLambdasRemainingTime() throws Exception {
        String symbol = readChart("RAHLATE");
        long newCandle = ingestOneCandle(symbol);
        Map<String, Object> answer = refreshing.map(refreshing.invoke(
                IngestionEvents.sns(IngestionEvents.object(symbol, "1h")), 2_500));
        assertEquals(1, ((List<?>) answer.get("invalidated")).size());

        try (ApplicationContext other = reader()) {
            Lookup<IndicatorSeries> ema = series(other, symbol, EMA);
            assertEquals(CacheSource.MISS, ema.source());
            assertEquals(newCandle, ema.value().t()[ema.value().size() - 1]);
        }
    }

    /** With room for two entries per scope, the two most read are refreshed: candles and EMA, not MACD. */
    @Test
    void theMostReadEntriesAreRefreshed() throws Exception {
        String symbol = readChart("RAHTOP");
        series(reader, symbol, EMA);
        series(reader, symbol, EMA);
        assertTrue(reader.getBean(RecentReads.class).flush().get(5, TimeUnit.SECONDS));
        long newCandle = ingestOneCandle(symbol);
        refreshingTwo.invoke(IngestionEvents.sns(IngestionEvents.object(symbol, "1h")));

        try (ApplicationContext other = reader()) {
            assertFreshHit(other, symbol, EMA, newCandle);
            assertEquals(CacheSource.HIT_L2,
                    other.getBean(CandleHistory.class).load(symbol, Interval.H1, new RequestTimings()).source());
            assertEquals(CacheSource.MISS, series(other, symbol, MACD).source(), "read once, so third");
        }
    }

    /**
     * The database is unreachable from the invalidation function: no new version can be recorded,
     * so nothing is invalidated and nothing refreshed; the SQS record is a batch item failure and
     * the SNS event an error, both retried by AWS. Once the database is back, the same event
     * invalidates, and the next chart is computed by the reader with the new candle.
     */
    @Test
    void anEventWhileTheDatabaseIsCutIsRetried() throws Exception {
        URI postgres = URI.create(TestServices.postgresUrl().substring("jdbc:".length()));
        try (TcpProxy proxy = TcpProxy.to(postgres.getHost(), postgres.getPort());
             InvalidationFunctionHarness cutOff = new InvalidationFunctionHarness(TestServices.redisUri(), Map.of(
                     "cache.refresh-ahead.enabled", true,
                     "datasources.default.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + postgres.getPath(),
                     "datasources.default.connection-timeout", 500))) {
            proxy.cut();
            String symbol = readChart("RAHFAIL");
            long newCandle = ingestOneCandle(symbol);

            Map<String, Object> sqs = cutOff.invokeForMap(IngestionEvents.sqs(IngestionEvents.object(symbol, "1h")));
            assertEquals(1, ((List<?>) sqs.get("batchItemFailures")).size(), sqs.toString());
            assertThrows(InvalidationUnavailableException.class,
                    () -> cutOff.invoke(IngestionEvents.sns(IngestionEvents.object(symbol, "1h"))));
            assertEquals(0L, cutOff.context.getBean(CacheStats.class).counters().get("refreshFailures"),
                    "nothing was invalidated, so nothing was refreshed");

            proxy.restore();
            Map<String, Object> retried = cutOff.invokeForMap(IngestionEvents.sns(IngestionEvents.object(symbol, "1h")));
            assertEquals(List.of(), retried.get("failed"));
            assertEquals(1, ((List<?>) retried.get("invalidated")).size());
            try (ApplicationContext other = reader()) {
                Lookup<IndicatorSeries> ema = series(other, symbol, EMA);
                assertEquals(newCandle, ema.value().t()[ema.value().size() - 1]);
            }
        }
    }

    /** A reader container; its recorded reads go to Redis only when a test flushes them. */
    private static ApplicationContext reader() {
        return TestServices.startOnPostgres(Map.of("redis.uri", TestServices.redisUri(),
                "cache.redis-command-timeout", TestServices.COHERENCE_REDIS_TIMEOUT, "cache.refresh-ahead.enabled", true,
                "cache.refresh-ahead.flush-interval", "1h"));
    }

    /**
     * Stores 1h candles of a new symbol, reads its candles, EMA and MACD (each a MISS, which reads
     * the candles once more), and adds those counts to Redis.
     */
    private static String readChart(String prefix) throws Exception {
        String symbol = TestServices.uniqueSymbol(prefix);
        reader.getBean(CandleWriter.class).upsert(symbol, Interval.H1, TestCandles.randomWalk(symbol, Interval.H1, 200, 30));
        reader.getBean(CandleHistory.class).load(symbol, Interval.H1, new RequestTimings());
        assertEquals(CacheSource.MISS, series(reader, symbol, EMA).source());
        assertEquals(CacheSource.MISS, series(reader, symbol, MACD).source());
        assertTrue(reader.getBean(RecentReads.class).flush().get(5, TimeUnit.SECONDS), "Redis took the recorded reads");
        return symbol;
    }

    /**
     * What the ingestion side does before it publishes: one more candle written to PostgreSQL,
     * with no invalidation of its own. Returns its open time.
     */
    private static long ingestOneCandle(String symbol) {
        CandleColumns stored = reader.getBean(CandleHistory.class).load(symbol, Interval.H1, new RequestTimings()).value();
        long next = stored.t()[stored.size() - 1] + Interval.H1.seconds();
        double close = stored.c()[stored.size() - 1];
        CandleColumns candle = new CandleColumns(new long[] {next}, new double[] {close}, new double[] {close + 3},
                new double[] {close - 1}, new double[] {close + 2}, new double[] {1_000});
        long id = reader.getBean(SymbolDirectory.class).find(symbol).orElseThrow();
        reader.getBean(CandleStore.class).upsert(id, Interval.H1, candle, 0);
        return next;
    }

    private static void assertFreshHit(ApplicationContext other, String symbol, IndicatorParams params, long newCandle) {
        Lookup<IndicatorSeries> lookup = series(other, symbol, params);
        assertEquals(CacheSource.HIT_L2, lookup.source(), params.toString());
        long id = other.getBean(SymbolDirectory.class).find(symbol).orElseThrow();
        IndicatorSeries expected = IndicatorSeries.compute(other.getBean(CandleStore.class).readAll(id, Interval.H1), params);
        assertEquals(newCandle, lookup.value().t()[lookup.value().size() - 1], "the new candle is in it");
        // The cached copy keeps only the defined part; compare it with the tail of the full computation.
        IndicatorSeries got = lookup.value();
        int offset = expected.size() - got.size();
        assertEquals(expected.size() - expected.firstDefined(), got.size() - got.firstDefined(), params.toString());
        for (int i = got.firstDefined(); i < got.size(); i++) {
            assertEquals(expected.t()[offset + i], got.t()[i]);
            for (int column = 0; column < expected.values().length; column++) {
                double want = expected.values()[column][offset + i];
                assertEquals(want, got.values()[column][i], 1e-9 * Math.max(1, Math.abs(want)), params + " at " + i);
            }
        }
    }

    private static Lookup<IndicatorSeries> series(ApplicationContext context, String symbol, IndicatorParams params) {
        return context.getBean(IndicatorService.class).series(symbol, Interval.H1, params, new RequestTimings());
    }
}
