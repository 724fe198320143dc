package com.chartfeed.functions.indicator;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.Csv;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.RedisClusterProcess;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.chartfeed.testing.FunctionHarness.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The slots of a cluster node move to another address while containers run: a failover to a
 * replica, or a failed node replaced, looks so to a client. Lettuce's cluster client learns the
 * topology once, when it connects first; unless it reads it again, every command for those slots
 * goes to the old address, where nothing answers, for as long as the container lives.
 */
class ClusterNodeReplacedTest {
    private static final long BREAKER_MILLIS = 500;

    @Test
    void containersFindTheSlotsOfAReplacedNodeAtItsNewAddress() throws InterruptedException {
        try (RedisClusterProcess cluster = TestServices.startRedisCluster()) {
            Map<String, Object> fleet = Map.of("redis.uris", cluster.uris(),
                    "cache.staleness-budget", "300ms",
                    "cache.breaker-open-for", BREAKER_MILLIS + "ms",
                    "cache.redis-command-timeout", "250ms");
            try (FunctionHarness<IndicatorFunction> writer = new FunctionHarness<>(IndicatorFunction::new, fleet);
                 FunctionHarness<IndicatorFunction> reader = new FunctionHarness<>(IndicatorFunction::new, fleet)) {
                String symbol = cluster.uniqueSymbolOn(1, "MOVED");
                CandleColumns candles = TestCandles.randomWalk(symbol, Interval.H1, 160, 60);
                assertEquals(true, put(writer, symbol, Csv.of(candles.slice(0, 100))));
                String path = "/v1/indicators/" + symbol + "/ema?interval=1h&limit=3";
                assertEquals("MISS", header(writer.get(path), "X-Cache"));

                cluster.replace(1);

                // Each container finds the slots again within a few breaker intervals: a write is
                // published fleet-wide, and what one container computed the other reads from L2.
                long until = System.nanoTime() + 20 * BREAKER_MILLIS * 1_000_000;
                int written = 100;
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
                assertTrue(published, "no write reached the replaced node's slots in " + 20 * BREAKER_MILLIS + " ms");
                assertTrue(shared, "the reader never read the writer's value from L2 in " + 20 * BREAKER_MILLIS + " ms");
            }
        }
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
