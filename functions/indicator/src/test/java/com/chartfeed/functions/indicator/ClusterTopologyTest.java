package com.chartfeed.functions.indicator;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.Csv;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.RedisClusterProcess;
import com.chartfeed.testing.TcpProxy;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.chartfeed.testing.FunctionHarness.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Lettuce's cluster client learns of the cluster, and when. It reads the topology when it
 * first connects (from the nodes in {@code redis.uris}) and otherwise only when asked: so a node
 * whose slots moved to another address (a failover to a replica, a failed node replaced) must make
 * it read the topology again, and a node that hangs while a container starts must not keep that
 * container off the other nodes for Lettuce's default 60 s.
 */
class ClusterTopologyTest {
    private static final long BREAKER_MILLIS = 500;
    private static final long WITHIN_MILLIS = 20 * BREAKER_MILLIS;

    private static RedisClusterProcess cluster;
    private static Map<String, Object> fleet;

    @BeforeAll
    static void start() {
        cluster = TestServices.startRedisCluster();
        fleet = Map.of("redis.uris", cluster.uris(),
                "cache.staleness-budget", "300ms",
                "cache.breaker-open-for", BREAKER_MILLIS + "ms",
                "cache.redis-command-timeout", "250ms");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void containersFindTheSlotsOfAReplacedNodeAtItsNewAddress() throws InterruptedException {
        try (FunctionHarness<IndicatorFunction> writer = new FunctionHarness<>(IndicatorFunction::new, fleet);
             FunctionHarness<IndicatorFunction> reader = new FunctionHarness<>(IndicatorFunction::new, fleet)) {
            String symbol = cluster.uniqueSymbolOn(1, "MOVED");
            CandleColumns candles = TestCandles.randomWalk(symbol, Interval.H1, 160, 60);
            assertEquals(true, put(writer, symbol, Csv.of(candles.slice(0, 100))));
            String path = "/v1/indicators/" + symbol + "/ema?interval=1h&limit=3";
            assertEquals("MISS", header(writer.get(path), "X-Cache"));
            assertEquals("HIT-L2", header(reader.get(path), "X-Cache"));

            cluster.replace(1);

            assertBothUseTheSymbolsNodeWithin(writer, reader, symbol, candles, 100);
        }
    }

    /**
     * The first node of {@code redis.uris} hangs (a black hole: connections are accepted, nothing
     * is answered) while containers start; the other two tell where every slot is.
     */
    @Test
    void containersStartingWhileANodeHangsUseTheOtherNodes() throws InterruptedException {
        try (TcpProxy hung = TcpProxy.to("127.0.0.1", cluster.port(0))) {
            hung.blackhole();
            Map<String, Object> seeds = new HashMap<>(fleet);
            seeds.put("redis.uris", "redis://127.0.0.1:" + hung.port() + "," + cluster.uri(1) + "," + cluster.uri(2));
            try (FunctionHarness<IndicatorFunction> writer = new FunctionHarness<>(IndicatorFunction::new, seeds);
                 FunctionHarness<IndicatorFunction> reader = new FunctionHarness<>(IndicatorFunction::new, seeds)) {
                String symbol = cluster.uniqueSymbolOn(1, "HUNG");
                CandleColumns candles = TestCandles.randomWalk(symbol, Interval.H1, 160, 60);
                put(writer, symbol, Csv.of(candles.slice(0, 100)));

                assertBothUseTheSymbolsNodeWithin(writer, reader, symbol, candles, 100);
            }
        }
    }

    /**
     * Within {@link #WITHIN_MILLIS}, a write through {@code writer} is published fleet-wide, and
     * what {@code writer} then computes {@code reader} reads from L2.
     */
    private static void assertBothUseTheSymbolsNodeWithin(FunctionHarness<IndicatorFunction> writer,
                                                          FunctionHarness<IndicatorFunction> reader, String symbol,
                                                          CandleColumns candles, int written) throws InterruptedException {
        String path = "/v1/indicators/" + symbol + "/ema?interval=1h&limit=3";
        long until = System.nanoTime() + WITHIN_MILLIS * 1_000_000;
        boolean published = false;
        boolean shared = false;
        while (!shared && System.nanoTime() < until && written < candles.size()) {
            published = put(writer, symbol, Csv.of(candles.slice(written, written + 1)));
            written++;
            if (published) {
                Thread.sleep(400);
                APIGatewayV2HTTPResponse miss = writer.get(path);
                assertEquals("MISS", header(miss, "X-Cache"));
                assertEquals(candles.t()[written - 1], lastTime(writer, miss));
                Thread.sleep(100);
                APIGatewayV2HTTPResponse read = reader.get(path);
                shared = "HIT-L2".equals(header(read, "X-Cache"));
                assertEquals(candles.t()[written - 1], lastTime(reader, read));
            }
            Thread.sleep(BREAKER_MILLIS / 2);
        }
        assertTrue(published, "no write reached the symbol's node in " + WITHIN_MILLIS + " ms");
        assertTrue(shared, "the reader never read the writer's value from L2 in " + WITHIN_MILLIS + " ms");
    }

    /** Uploads the candles; whether Redis took the new version. */
    private static boolean put(FunctionHarness<IndicatorFunction> container, String symbol, String csv) {
        APIGatewayV2HTTPResponse answer = container.putCsv(symbol, "1h", csv);
        assertEquals(200, answer.getStatusCode(), answer.getBody());
        return Boolean.TRUE.equals(container.body(answer).get("invalidatedFleetWide"));
    }

    @SuppressWarnings("unchecked")
    private static long lastTime(FunctionHarness<IndicatorFunction> container, APIGatewayV2HTTPResponse answer) {
        List<Number> t = (List<Number>) container.body(answer).get("t");
        return t.get(t.size() - 1).longValue();
    }
}
