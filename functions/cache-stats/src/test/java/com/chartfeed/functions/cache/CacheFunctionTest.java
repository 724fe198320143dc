package com.chartfeed.functions.cache;

import com.chartfeed.cache.CacheSource;
import com.chartfeed.cache.RequestTimings;
import com.chartfeed.candles.Interval;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorType;
import com.chartfeed.indicators.PriceSource;
import com.chartfeed.service.CandleWriter;
import com.chartfeed.service.IndicatorService;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.chartfeed.testing.FunctionHarness.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache-stats Lambda, invoked with API Gateway events, on real Redis and PostgreSQL. */
class CacheFunctionTest {
    private static final IndicatorParams EMA = new IndicatorParams(IndicatorType.EMA, new double[] {30},
            PriceSource.CLOSE);
    private static FunctionHarness<CacheFunction> function;
    private static IndicatorService indicators;

    @BeforeAll
    static void start() {
        function = new FunctionHarness<>(CacheFunction::new, Map.of("redis.uri", TestServices.redisUri(),
                "cache.redis-command-timeout", "250ms"));
        indicators = function.context.getBean(IndicatorService.class);
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    @Test
    void healthReportsEveryLayer() {
        APIGatewayV2HTTPResponse response = function.get("/v1/cache/health");
        assertEquals(200, response.getStatusCode(), response.getBody());
        Map<String, Object> health = function.body(response);
        assertEquals("UP", health.get("status"));
        for (String layer : List.of("l1", "l2", "database")) {
            assertEquals("UP", ((Map<?, ?>) health.get(layer)).get("status"), layer);
        }
    }

    @Test
    void statsCountThisContainerAndTheFleetAndRedis() {
        String symbol = upload("STATS");
        Map<String, Object> before = function.body(function.get("/v1/cache/stats"));
        lookup(symbol);
        lookup(symbol);
        Map<String, Object> after = function.body(function.get("/v1/cache/stats"));

        assertEquals(1, l1(after, "container", "hits") - l1(before, "container", "hits"));
        assertEquals(1, number(after, "container", "loads", "databaseReads")
                - number(before, "container", "loads", "databaseReads"));
        assertTrue(l1(after, "fleet", "hits") - l1(before, "fleet", "hits") >= 1, "flushed to the fleet totals");
        Map<?, ?> redis = (Map<?, ?>) after.get("redis");
        assertTrue(redis.containsKey("used_memory") && redis.containsKey("evicted_keys"), redis.toString());
        assertTrue(((Number) ((Map<?, ?>) ((Map<?, ?>) after.get("container")).get("l1")).get("weightBytes"))
                .longValue() > 0);
        assertEquals("no-store", header(function.get("/v1/cache/stats"), "Cache-Control"));
    }

    @Test
    void adminDeleteOfASymbolMakesItsNextReadAMiss() {
        String symbol = upload("DEL");
        assertEquals(CacheSource.MISS, lookup(symbol));
        assertEquals(CacheSource.HIT_L1, lookup(symbol));

        assertEquals(401, function.invoke("DELETE", "/v1/cache/" + symbol, Map.of(), null).getStatusCode());
        APIGatewayV2HTTPResponse other = function.admin("DELETE", "/v1/cache/" + symbol + "?interval=1d", null, null);
        assertEquals(200, other.getStatusCode(), other.getBody());
        assertEquals(CacheSource.HIT_L1, lookup(symbol), "another interval is untouched");

        APIGatewayV2HTTPResponse deleted = function.admin("DELETE", "/v1/cache/" + symbol.toLowerCase()
                + "?interval=1h", null, null);
        assertEquals(200, deleted.getStatusCode(), deleted.getBody());
        assertEquals(true, function.body(deleted).get("fleetWide"));
        assertEquals(CacheSource.MISS, lookup(symbol));
        assertEquals(CacheSource.HIT_L1, lookup(symbol));
    }

    @Test
    void adminDeleteOfEverything() {
        String symbol = upload("ALL");
        lookup(symbol);
        APIGatewayV2HTTPResponse deleted = function.admin("DELETE", "/v1/cache", null, null);
        assertEquals(200, deleted.getStatusCode(), deleted.getBody());
        assertTrue(((List<?>) function.body(deleted).get("symbols")).contains(symbol));
        assertEquals(CacheSource.MISS, lookup(symbol));
    }

    @Test
    void badAdminInputIsANamedProblem() {
        APIGatewayV2HTTPResponse badSymbol = function.admin("DELETE", "/v1/cache/A*B", null, null);
        assertEquals(400, badSymbol.getStatusCode());
        assertEquals("application/problem+json", header(badSymbol, "Content-Type"));
        APIGatewayV2HTTPResponse badInterval = function.admin("DELETE", "/v1/cache/AAPL?interval=7m", null, null);
        assertEquals(400, badInterval.getStatusCode());
        assertTrue(badInterval.getBody().contains("\"field\":\"interval\""), badInterval.getBody());
        assertEquals(401, function.invoke("DELETE", "/v1/cache", Map.of("Authorization", "Bearer wrong"), null)
                .getStatusCode());
    }

    private static String upload(String prefix) {
        String symbol = TestServices.uniqueSymbol(prefix);
        function.context.getBean(CandleWriter.class).upsert(symbol, Interval.H1,
                TestCandles.randomWalk(symbol, Interval.H1, 200, 30));
        return symbol;
    }

    private static CacheSource lookup(String symbol) {
        return indicators.series(symbol, Interval.H1, EMA, new RequestTimings()).source();
    }

    private static long l1(Map<String, Object> stats, String scope, String counter) {
        return number(stats, scope, "l1", counter);
    }

    private static long number(Map<String, Object> stats, String scope, String group, String counter) {
        return ((Number) ((Map<?, ?>) ((Map<?, ?>) stats.get(scope)).get(group)).get(counter)).longValue();
    }
}
