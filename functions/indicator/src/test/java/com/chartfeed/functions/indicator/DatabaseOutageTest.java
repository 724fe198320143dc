package com.chartfeed.functions.indicator;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.cache.CacheHealth;
import com.chartfeed.candles.Interval;
import com.chartfeed.candles.SampleCandles;
import com.chartfeed.testing.Csv;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.TcpProxy;
import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static com.chartfeed.testing.FunctionHarness.header;
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
        assertEquals(200, function.putCsv(symbol, "1h", Csv.of(SampleCandles.generate(symbol, Interval.H1, 300, 80)))
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
        long deadline = System.currentTimeMillis() + 10_000;
        APIGatewayV2HTTPResponse back;
        do {
            back = function.get("/v1/indicators/" + symbol + "/sma?interval=1d");
        } while (back.getStatusCode() != 200 && System.currentTimeMillis() < deadline);
        assertEquals(200, back.getStatusCode(), back.getBody());
        assertEquals("MISS", header(function.get(cached), "X-Cache"), "past its TTL, recomputed now that it can be");
        assertEquals("MISS", header(function.get("/v1/indicators/" + symbol + "/sma?interval=1h&limit=5"), "X-Cache"),
                "the value derived from stale candles was not cached as fresh");
        assertTrue(CacheHealth.UP.equals(function.context.getBean(CacheHealth.class).check().status()));
    }
}
