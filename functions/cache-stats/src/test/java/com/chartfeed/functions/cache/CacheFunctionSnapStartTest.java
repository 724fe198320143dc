package com.chartfeed.functions.cache;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.cache.CacheStats;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.RedisServerProcess;
import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SnapStart's hooks, called as Lambda calls them around a snapshot: the health check sees every
 * layer up again, and the stats count nothing the priming did.
 */
class CacheFunctionSnapStartTest {

    @Test
    void healthIsUpOnNewConnectionsAfterTheHooks() throws Exception {
        try (FunctionHarness<CacheFunction> function = new FunctionHarness<>(CacheFunction::new,
                Map.of("redis.uri", TestServices.redisUri(), "cache.redis-command-timeout", "250ms"))) {
            function.handler.snapStart().beforeCheckpoint(null);
            long connects = function.context.getBean(CacheStats.class).counters().get("redisConnects");
            function.handler.snapStart().afterRestore(null);

            APIGatewayV2HTTPResponse health = function.get("/v1/cache/health");
            assertEquals(200, health.getStatusCode(), health.getBody());
            Map<String, Object> body = function.body(health);
            assertEquals("UP", body.get("status"), health.getBody());
            assertEquals(connects + 1, function.context.getBean(CacheStats.class).counters().get("redisConnects"));
        }
    }

    /**
     * The priming asks for {@code /v1/cache/stats}, which flushes this container's counters to the
     * fleet totals: on a Redis of the test's own, after the hooks, the container's counters and the
     * fleet's ({@code cf:stats}) hold only the restored container's own connection.
     */
    @Test
    void statsStartFromZeroAfterTheRestoreAndPrimingReachedNoFleetTotal() {
        try (RedisServerProcess redis = TestServices.startRedisServer();
             FunctionHarness<CacheFunction> function = new FunctionHarness<>(CacheFunction::new,
                     Map.of("redis.uri", redis.uri(), "cache.redis-command-timeout", "250ms"))) {
            function.handler.snapStart().beforeCheckpoint(null);
            function.handler.snapStart().afterRestore(null);
            // Health pings Redis, so the restore's reconnect has happened (and counted) before the stats.
            assertEquals(200, function.get("/v1/cache/health").getStatusCode());

            APIGatewayV2HTTPResponse stats = function.get("/v1/cache/stats");
            assertEquals(200, stats.getStatusCode(), stats.getBody());
            Map<String, Object> body = function.body(stats);
            for (String scope : List.of("container", "fleet")) {
                Map<?, ?> counters = (Map<?, ?>) body.get(scope);
                assertEquals(0L, number(counters, "l1", "misses") + number(counters, "l2", "misses")
                        + number(counters, "l2", "errors") + number(counters, "loads", "count"), scope + ": " + stats.getBody());
                assertEquals(1L, number(counters, "l2", "connects"), scope + ", only the restore's connection: "
                        + stats.getBody());
            }
        }
    }

    private static long number(Map<?, ?> report, String section, String name) {
        return ((Number) ((Map<?, ?>) report.get(section)).get(name)).longValue();
    }
}
