package com.chartfeed.functions.invalidation;

import com.chartfeed.cache.CacheKey;
import com.chartfeed.cache.CacheSource;
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
import com.chartfeed.service.CandleHistory;
import com.chartfeed.service.CandleWriter;
import com.chartfeed.service.IndicatorService;
import com.chartfeed.testing.IngestionEvents;
import com.chartfeed.testing.RedisClusterProcess;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The candle-invalidation function on a three-node Redis Cluster (Lettuce's cluster client, as
 * {@code REDIS_URIS} makes it): an SNS or EventBridge event makes the next read in a reader
 * container a MISS and the read in a third container an {@code HIT-L2}; an SQS batch naming
 * symbols on every node publishes each on its node; refresh-ahead reads the recorded reads and
 * stores the refreshed entries on each symbol's node.
 */
class ClusterInvalidationTest {
    private static final IndicatorParams EMA = new IndicatorParams(IndicatorType.EMA, new double[] {30},
            PriceSource.CLOSE);

    private static RedisClusterProcess cluster;
    private static Map<String, Object> redis;
    private static InvalidationFunctionHarness function;
    private static ReaderContainer reader;
    private static ReaderContainer other;

    @BeforeAll
    static void start() {
        cluster = TestServices.startRedisCluster();
        redis = Map.of("redis.uris", cluster.uris());
        function = new InvalidationFunctionHarness(redis, Map.of());
        reader = new ReaderContainer(redis);
        other = new ReaderContainer(redis);
    }

    @AfterAll
    static void stop() {
        function.close();
        reader.close();
        other.close();
        cluster.close();
    }

    @Test
    void anSnsEventMakesTheNextReadAMissAndTheReadInAnotherContainerAnL2Hit() throws InterruptedException {
        String symbol = reader.cache(cluster.uniqueSymbolOn(0, "CINVSNS"));
        Map<String, Object> answer = function.invokeForMap(IngestionEvents.sample(IngestionEvents.SNS, symbol));

        assertEquals(List.of(true), fleetWide(answer), answer.toString());
        reader.assertMissThenHit(symbol);
        awaitStored(symbol);
        assertEquals(CacheSource.HIT_L2, other.read(symbol, Interval.H1));
    }

    @Test
    void anEventBridgeEventMakesTheNextReadAMissAndTheReadInAnotherContainerAnL2Hit() throws InterruptedException {
        String symbol = reader.cache(cluster.uniqueSymbolOn(1, "CINVEB"));
        Map<String, Object> answer = function.invokeForMap(IngestionEvents.sample(IngestionEvents.EVENTBRIDGE, symbol));

        assertEquals(List.of(true), fleetWide(answer), answer.toString());
        reader.assertMissThenHit(symbol);
        awaitStored(symbol);
        assertEquals(CacheSource.HIT_L2, other.read(symbol, Interval.H1));
    }

    /** One invocation publishes three symbols' versions, one script on each node. */
    @Test
    void anSqsBatchOverSymbolsOnEveryNodeInvalidatesEachOnItsNode() throws InterruptedException {
        String[] symbols = new String[RedisClusterProcess.NODES];
        long[] generations = new long[symbols.length];
        String[] bodies = new String[symbols.length];
        for (int node = 0; node < symbols.length; node++) {
            symbols[node] = reader.cache(cluster.uniqueSymbolOn(node, "CINVSQS"));
            generations[node] = reader.generation(symbols[node], Interval.H1);
            bodies[node] = IngestionEvents.object(symbols[node], "1h");
        }
        Map<String, Object> answer = function.invokeForMap(IngestionEvents.sqs(bodies));

        assertEquals(Map.of("batchItemFailures", List.of()), answer);
        for (int node = 0; node < symbols.length; node++) {
            assertTrue(reader.generation(symbols[node], Interval.H1) > generations[node], "node " + node);
            reader.assertMissThenHit(symbols[node]);
            awaitStored(symbols[node]);
            assertEquals(CacheSource.HIT_L2, other.read(symbols[node], Interval.H1), "node " + node);
        }
    }

    /**
     * Refresh-ahead on the cluster: the read counts of symbols on two nodes are read back (one
     * pipeline over both), and the refreshed entries are stored where a fresh container finds them.
     */
    @Test
    void refreshAheadServesTheFirstChartAfterAnEventFromL2OnEveryNode() throws Exception {
        Map<String, Object> counting = new HashMap<>(redis);
        counting.putAll(Map.of("cache.redis-command-timeout", TestServices.COHERENCE_REDIS_TIMEOUT,
                "cache.refresh-ahead.enabled", true,
                "cache.refresh-ahead.flush-interval", "1h"));
        try (InvalidationFunctionHarness refreshing = new InvalidationFunctionHarness(redis,
                Map.of("cache.refresh-ahead.enabled", true));
             ApplicationContext charts = TestServices.startOnPostgres(counting)) {
            String first = cluster.uniqueSymbolOn(0, "CRAH");
            String second = cluster.uniqueSymbolOn(2, "CRAH");
            for (String symbol : List.of(first, second)) {
                charts.getBean(CandleWriter.class).upsert(symbol, Interval.H1,
                        TestCandles.randomWalk(symbol, Interval.H1, 200, 30));
                assertEquals(CacheSource.MISS, series(charts, symbol).source());
            }
            assertTrue(charts.getBean(RecentReads.class).flush().get(5, TimeUnit.SECONDS), "the cluster took the read counts");
            long firstCandle = ingestOneCandle(charts, first);
            long secondCandle = ingestOneCandle(charts, second);

            Map<String, Object> answer = refreshing.invokeForMap(IngestionEvents.sqs(
                    IngestionEvents.object(first, "1h"), IngestionEvents.object(second, "1h")));
            assertEquals(Map.of("batchItemFailures", List.of()), answer);

            try (ApplicationContext fresh = TestServices.startOnPostgres(counting)) {
                for (Map.Entry<String, Long> expected : Map.of(first, firstCandle, second, secondCandle).entrySet()) {
                    Lookup<IndicatorSeries> ema = series(fresh, expected.getKey());
                    assertEquals(CacheSource.HIT_L2, ema.source(), expected.getKey());
                    assertEquals(expected.getValue(), ema.value().t()[ema.value().size() - 1], "the new candle is in it");
                }
            }
        }
    }

    /**
     * Waits until the reader's MISS has stored its EMA on the symbol's node: the store is sent
     * without waiting for the reply, so another container's read could otherwise overtake it.
     */
    private static void awaitStored(String symbol) {
        String key = new String(CacheKey.series(symbol, Interval.H1, EMA).redisKey(), StandardCharsets.UTF_8);
        int node = cluster.nodeOfSymbol(symbol);
        await(key + " stored on node " + node).atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
                .until(() -> "1".equals(cluster.command(node, "EXISTS", key)));
    }

    private static List<Object> fleetWide(Map<String, Object> answer) {
        return ((List<?>) answer.get("invalidated")).stream().<Object>map(i -> ((Map<?, ?>) i).get("fleetWide")).toList();
    }

    private static Lookup<IndicatorSeries> series(ApplicationContext context, String symbol) {
        return context.getBean(IndicatorService.class).series(symbol, Interval.H1, EMA, new RequestTimings());
    }

    /** One more candle in PostgreSQL, as the ingestion side writes it before publishing; its open time. */
    private static long ingestOneCandle(ApplicationContext context, String symbol) {
        CandleColumns stored = context.getBean(CandleHistory.class).load(symbol, Interval.H1, new RequestTimings()).value();
        long next = stored.t()[stored.size() - 1] + Interval.H1.seconds();
        double close = stored.c()[stored.size() - 1];
        CandleColumns candle = new CandleColumns(new long[] {next}, new double[] {close}, new double[] {close + 3},
                new double[] {close - 1}, new double[] {close + 2}, new double[] {1_000});
        long id = context.getBean(SymbolDirectory.class).find(symbol).orElseThrow();
        context.getBean(CandleStore.class).upsert(id, Interval.H1, candle, 0);
        return next;
    }
}
