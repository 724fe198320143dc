package com.chartfeed.functions.cache;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.RedisServerProcess;
import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An admin invalidation is a request like any other: with Redis hanging ({@code SIGSTOP} on a
 * {@code redis-server} of the test's own) it waits for Redis no longer than the command deadline,
 * and says the invalidation did not reach the fleet yet.
 */
class InvalidationDeadlineTest {

    @Test
    void aDeleteDoesNotWaitForAPausedRedis() {
        try (RedisServerProcess redis = TestServices.startRedisServer();
             FunctionHarness<CacheFunction> function = new FunctionHarness<>(CacheFunction::new, Map.of(
                     "redis.uri", redis.uri(), "cache.redis-command-timeout", "200ms"))) {
            String path = "/v1/cache/" + TestServices.uniqueSymbol("DEADLINE") + "?interval=1h";
            APIGatewayV2HTTPResponse up = function.admin("DELETE", path, null, null);
            assertEquals(200, up.getStatusCode(), up.getBody());
            assertEquals(true, function.body(up).get("fleetWide"), "Redis up: " + up.getBody());

            redis.pause();
            APIGatewayV2HTTPResponse paused;
            long millis;
            try {
                long start = System.nanoTime();
                paused = function.admin("DELETE", path, null, null);
                millis = (System.nanoTime() - start) / 1_000_000;
            } finally {
                redis.resume();
            }
            assertEquals(200, paused.getStatusCode(), paused.getBody());
            // Not a timing test: generous slack for a busy 2-core CI machine running the failure path cold,
            // and still half of the 2 s bulk timeout it used to wait.
            assertTrue(millis < 1_000, "the DELETE waited " + millis + " ms on a paused Redis (deadline 200 ms)");
            assertEquals(false, function.body(paused).get("fleetWide"), paused.getBody());
        }
    }
}
