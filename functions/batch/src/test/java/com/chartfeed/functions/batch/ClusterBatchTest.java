package com.chartfeed.functions.batch;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import com.chartfeed.service.CandleWriter;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.RedisClusterProcess;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A batch over two symbols living on two nodes of a three-node Redis Cluster (Lettuce's cluster
 * client): what one container computed, another reads from L2 with one script on each of those
 * nodes, pipelined; a write to one symbol is seen within the budget while the other's items stay
 * cached.
 */
class ClusterBatchTest {
    private static final long BUDGET_MILLIS = 300;

    private static RedisClusterProcess cluster;
    private static FunctionHarness<BatchFunction> function;
    private static FunctionHarness<BatchFunction> other;

    @BeforeAll
    static void start() {
        cluster = TestServices.startRedisCluster();
        Map<String, Object> fleet = Map.of("redis.uris", cluster.uris(), "cache.redis-command-timeout", "250ms",
                "cache.staleness-budget", BUDGET_MILLIS + "ms");
        function = new FunctionHarness<>(BatchFunction::new, fleet);
        other = new FunctionHarness<>(BatchFunction::new, fleet);
    }

    @AfterAll
    static void stop() {
        function.close();
        other.close();
        cluster.close();
    }

    @Test
    void aBatchOverSymbolsOnTwoNodesIsServedFromL2AndSeesAWriteToOneOfThem() throws InterruptedException {
        String onFirst = cluster.uniqueSymbolOn(0, "CBAT");
        String onLast = cluster.uniqueSymbolOn(2, "CBAT");
        CandleColumns first = TestCandles.randomWalk(onFirst, Interval.H1, 301, 40);
        function.context.getBean(CandleWriter.class).upsert(onFirst, Interval.H1, first.slice(0, 300));
        function.context.getBean(CandleWriter.class).upsert(onLast, Interval.H1,
                TestCandles.randomWalk(onLast, Interval.H1, 300, 40));
        String body = "{\"requests\":[" + item(onFirst, "sma") + "," + item(onLast, "sma") + ","
                + item(onFirst, "rsi") + "," + item(onLast, "rsi") + "]}";

        APIGatewayV2HTTPResponse cold = batch(function, body);
        assertEquals(4, ((Number) meta(cold).get("misses")).intValue(), cold.getBody());
        // The generation, the candles and two series of each symbol, in its slot on its node.
        awaitKeys(onFirst, 4);
        awaitKeys(onLast, 4);

        long[] scriptsBefore = scriptsPerNode();
        APIGatewayV2HTTPResponse fromL2 = batch(other, body);
        assertEquals(4, ((Number) meta(fromL2).get("l2Hits")).intValue(), fromL2.getBody());
        assertEquals(data(cold), data(fromL2));
        long[] scripts = scriptsPerNode();
        assertEquals(List.of(1L, 0L, 1L), List.of(scripts[0] - scriptsBefore[0], scripts[1] - scriptsBefore[1],
                scripts[2] - scriptsBefore[2]), "one script on each node holding a symbol, none elsewhere");

        function.context.getBean(CandleWriter.class).upsert(onFirst, Interval.H1, first.slice(300, 301));
        Thread.sleep(BUDGET_MILLIS + 100);
        APIGatewayV2HTTPResponse after = batch(other, body);
        assertEquals(2, ((Number) meta(after).get("misses")).intValue(), after.getBody());
        assertEquals(2, ((Number) meta(after).get("l1Hits")).intValue(), after.getBody());
        List<Map<?, ?>> results = data(after);
        for (int i : new int[] {0, 2}) {
            List<?> t = (List<?>) results.get(i).get("t");
            assertEquals(first.t()[300], ((Number) t.get(t.size() - 1)).longValue(), "item " + i + " lacks the new candle");
        }
        assertEquals(data(fromL2).get(1), results.get(1));
        assertEquals(data(fromL2).get(3), results.get(3));
    }

    /** Waits until {@code count} keys are in the slot of {@code symbol}'s hash tag (stores are not waited for). */
    private static void awaitKeys(String symbol, int count) {
        int node = cluster.nodeOfSymbol(symbol);
        String slot = cluster.command(node, "CLUSTER", "KEYSLOT", "{" + symbol + "}");
        await(count + " keys of " + symbol + " on node " + node).atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> Integer.parseInt(cluster.command(node, "CLUSTER", "COUNTKEYSINSLOT", slot)) >= count);
    }

    /** How many scripts each node ran, from its own {@code INFO commandstats}. */
    private static long[] scriptsPerNode() {
        long[] calls = new long[RedisClusterProcess.NODES];
        for (int node = 0; node < calls.length; node++) {
            calls[node] = cluster.command(node, "INFO", "commandstats").lines()
                    .filter(line -> line.startsWith("cmdstat_eval:calls="))
                    .mapToLong(line -> Long.parseLong(line.substring("cmdstat_eval:calls=".length(), line.indexOf(','))))
                    .findFirst().orElse(0);
        }
        return calls;
    }

    private static String item(String symbol, String indicator) {
        return "{\"symbol\":\"" + symbol + "\",\"indicator\":\"" + indicator + "\",\"interval\":\"1h\",\"limit\":3}";
    }

    private static APIGatewayV2HTTPResponse batch(FunctionHarness<BatchFunction> target, String body) {
        APIGatewayV2HTTPResponse response = target.invoke("POST", "/v1/indicators/batch",
                Map.of("Content-Type", "application/json"), body);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return response;
    }

    private static Map<?, ?> meta(APIGatewayV2HTTPResponse response) {
        return (Map<?, ?>) function.body(response).get("meta");
    }

    /** Each result's data, in request order; every item must have answered 200. */
    private static List<Map<?, ?>> data(APIGatewayV2HTTPResponse response) {
        List<?> results = (List<?>) function.body(response).get("results");
        return results.stream().map(r -> (Map<?, ?>) r).<Map<?, ?>>map(r -> {
            assertEquals(200, ((Number) r.get("status")).intValue(), r.toString());
            return (Map<?, ?>) r.get("data");
        }).toList();
    }
}
