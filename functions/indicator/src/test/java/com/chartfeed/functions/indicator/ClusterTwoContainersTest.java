package com.chartfeed.functions.indicator;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.cache.CacheKey;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.Csv;
import com.chartfeed.testing.RedisClusterProcess;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static com.chartfeed.testing.FunctionHarness.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TwoContainersTest} on a three-node Redis Cluster (Lettuce's cluster client, as
 * {@code REDIS_URIS} makes it), its symbols spread over the three nodes; and where a symbol's keys
 * end up: all on the node serving its hash tag's slot, the generation stamped with that node's
 * identity.
 */
class ClusterTwoContainersTest extends TwoContainersTest {
    private RedisClusterProcess cluster;
    private int nextNode;

    @Override
    Map<String, Object> redis() {
        cluster = TestServices.startRedisCluster();
        return Map.of("redis.uris", cluster.uris());
    }

    /** Each test's symbol on the next node, so the inherited tests run on all three. */
    @Override
    String newSymbol() {
        return cluster.uniqueSymbolOn(nextNode++ % RedisClusterProcess.NODES, "TWOC");
    }

    @AfterAll
    @Override
    void stop() {
        super.stop();
        cluster.close();
    }

    @Test
    void missOnOneNodeThenHitL2InTheOtherContainerOnEveryNode() {
        for (int node = 0; node < RedisClusterProcess.NODES; node++) {
            String onNode = cluster.uniqueSymbolOn(node, "TWOC");
            assertEquals(200, first.putCsv(onNode, "1h", Csv.of(TestCandles.randomWalk(onNode, Interval.H1, 100, 50)))
                    .getStatusCode());
            String path = "/v1/indicators/" + onNode + "/rsi?interval=1h&limit=5";
            APIGatewayV2HTTPResponse miss = first.get(path);
            assertEquals("MISS", header(miss, "X-Cache"), "node " + node);
            APIGatewayV2HTTPResponse l2 = second.get(path);
            assertEquals("HIT-L2", header(l2, "X-Cache"), "node " + node);
            assertEquals(miss.getBody(), l2.getBody());
        }
    }

    @Test
    void aSymbolsKeysAllLiveInOneSlotOfItsNodeAndItsGenerationCarriesThatNodesIdentity() {
        assertEquals("MISS", header(first.get("/v1/indicators/" + symbol + "/ema?interval=1h&limit=3"), "X-Cache"));
        int node = cluster.nodeOfSymbol(symbol);
        String generationKey = new String(new CacheKey.Scope(symbol, Interval.H1).generationKey(), StandardCharsets.UTF_8);
        String candlesKey = new String(CacheKey.candles(symbol, Interval.H1).redisKey(), StandardCharsets.UTF_8);
        String slot = cluster.command(node, "CLUSTER", "KEYSLOT", generationKey);
        assertEquals(slot, cluster.command(node, "CLUSTER", "KEYSLOT", candlesKey));
        // The generation, the candles and the EMA (and no other test's symbol is in this slot).
        assertEquals("3", cluster.command(node, "CLUSTER", "COUNTKEYSINSLOT", slot));

        String generation = cluster.command(node, "GET", generationKey);
        String runId = cluster.command(node, "INFO", "server").lines()
                .filter(line -> line.startsWith("run_id:")).findFirst().orElseThrow().substring("run_id:".length());
        assertTrue(generation.matches("\\d+:" + runId + ":\\p{XDigit}+"), generation + " is not stamped by " + runId);
    }
}
