package com.chartfeed.functions.indicator;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.cache.CacheHealth;
import com.chartfeed.cache.CacheStats;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.Csv;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.TcpProxy;
import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static com.chartfeed.testing.FunctionHarness.header;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL unreachable mid-test (the network to the real server cut): what is cached is served,
 * past its TTL as STALE; what is not is a 503 problem with Retry-After; service resumes when the
 * database is back.
 */
class DatabaseOutageTest {
    private TcpProxy proxy;
    private FunctionHarness<IndicatorFunction> function;

    @AfterEach
    void stop() {
        if (function != null) {
            function.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void cachedAnswersSurviveAndTheRestIs503() throws InterruptedException {
        URI postgres = URI.create(TestServices.postgresUrl().substring("jdbc:".length()));
        proxy = TcpProxy.to(postgres.getHost(), postgres.getPort());
        function = new FunctionHarness<>(IndicatorFunction::new, Map.of(
                "datasources.default.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + postgres.getPath(),
                "cache.ttl-min", "300ms", "cache.ttl-max", "300ms"));
        String symbol = TestServices.uniqueSymbol("DBOUT");
        assertEquals(200, function.putCsv(symbol, "1h", Csv.of(TestCandles.randomWalk(symbol, Interval.H1, 300, 80)))
                .getStatusCode());
        String cached = "/v1/indicators/" + symbol + "/rsi?interval=1h&limit=10";
        APIGatewayV2HTTPResponse fresh = function.get(cached);
        assertEquals("MISS", header(fresh, "X-Cache"));

        proxy.cut();
        Thread.sleep(400); // past the TTL

        APIGatewayV2HTTPResponse stale = function.get(cached);
        assertEquals(200, stale.getStatusCode(), stale.getBody());
        assertEquals("STALE", header(stale, "X-Cache"));
        assertEquals("no-cache", header(stale, "Cache-Control"));
        assertEquals(fresh.getBody(), stale.getBody());

        // Never asked for, but its candles are cached: computed from them, and as stale as they are.
        APIGatewayV2HTTPResponse derived = function.get("/v1/indicators/" + symbol + "/sma?interval=1h&limit=5");
        assertEquals(200, derived.getStatusCode());
        assertEquals("STALE", header(derived, "X-Cache"));

        // Nothing cached for this interval: nothing to serve.
        APIGatewayV2HTTPResponse uncached = function.get("/v1/indicators/" + symbol + "/sma?interval=1d");
        assertEquals(503, uncached.getStatusCode(), uncached.getBody());
        assertEquals("application/problem+json", header(uncached, "Content-Type"));
        assertNotNull(header(uncached, "Retry-After"));
        assertEquals(503, ((Number) function.body(uncached).get("status")).intValue());

        CacheHealth.Report health = function.context.getBean(CacheHealth.class).check();
        assertEquals(CacheHealth.DOWN, health.database().get("status"));
        assertEquals(CacheHealth.DOWN, health.status(), "no database and no L2: nothing new can be answered");

        proxy.restore();
        APIGatewayV2HTTPResponse back = await("a 200 from the database back").atMost(Duration.ofSeconds(10))
                .until(() -> function.get("/v1/indicators/" + symbol + "/sma?interval=1d"), r -> r.getStatusCode() == 200);
        assertEquals(200, back.getStatusCode(), back.getBody());
        assertEquals("MISS", header(function.get(cached), "X-Cache"), "past its TTL, recomputed now that it can be");
        assertEquals("MISS", header(function.get("/v1/indicators/" + symbol + "/sma?interval=1h&limit=5"), "X-Cache"),
                "the value derived from stale candles was not cached as fresh");
        assertTrue(CacheHealth.UP.equals(function.context.getBean(CacheHealth.class).check().status()));
    }

    @Test
    void whileTheDatabaseIsDownOnlyOneReadPerBreakerIntervalTriesIt() throws InterruptedException {
        URI postgres = URI.create(TestServices.postgresUrl().substring("jdbc:".length()));
        proxy = TcpProxy.to(postgres.getHost(), postgres.getPort());
        function = new FunctionHarness<>(IndicatorFunction::new, Map.of(
                "datasources.default.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + postgres.getPath(),
                "datasources.default.connection-timeout", "500",
                "datasources.default.data-source-properties.socketTimeout", "1",
                "candles.database.breaker-open-for", "1s",
                "cache.ttl-min", "300ms", "cache.ttl-max", "300ms"));
        String symbol = TestServices.uniqueSymbol("DBBRK");
        assertEquals(200, function.putCsv(symbol, "1h", Csv.of(TestCandles.randomWalk(symbol, Interval.H1, 300, 80)))
                .getStatusCode());
        String[] paths = {"/v1/indicators/" + symbol + "/rsi?interval=1h", "/v1/indicators/" + symbol + "/ema?interval=1h",
                "/v1/indicators/" + symbol + "/sma?interval=1h"};
        for (String path : paths) {
            assertEquals("MISS", header(function.get(path), "X-Cache"));
        }
        CacheStats stats = function.context.getBean(CacheStats.class);

        proxy.blackhole();
        Thread.sleep(400); // past the TTL: every answer now needs the database or is STALE
        assertEquals("STALE", header(function.get(paths[0]), "X-Cache"), "the read that finds the database gone");
        long reads = stats.databaseReads();
        long skipped = stats.counters().get("databaseSkipped");

        for (String path : paths) {
            APIGatewayV2HTTPResponse answer = function.get(path);
            assertEquals(200, answer.getStatusCode(), answer.getBody());
            assertEquals("STALE", header(answer, "X-Cache"));
        }
        APIGatewayV2HTTPResponse uncached = function.get("/v1/indicators/" + symbol + "/rsi?interval=1d");
        assertEquals(503, uncached.getStatusCode(), uncached.getBody());
        assertEquals(skipped + 4, stats.counters().get("databaseSkipped"), "none of these four tried the database");
        assertEquals(reads, stats.databaseReads());
        CacheHealth.Report health = function.context.getBean(CacheHealth.class).check();
        assertEquals(CacheHealth.DOWN, health.database().get("status"));
        assertEquals("open", health.database().get("breaker"));

        proxy.restore();
        String source = await("a read that probes the database, back").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100)).until(() -> header(function.get(paths[1]), "X-Cache"), "MISS"::equals);
        assertEquals("MISS", source, "after the breaker interval one read probes the database, and it is back");
        assertEquals("closed", function.context.getBean(CacheHealth.class).check().database().get("breaker"));
    }
}
