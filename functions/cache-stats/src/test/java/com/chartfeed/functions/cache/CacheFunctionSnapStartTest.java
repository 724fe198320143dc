package com.chartfeed.functions.cache;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.cache.CacheStats;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SnapStart's hooks, called as Lambda calls them around a snapshot: the health check sees every layer up again. */
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
}
