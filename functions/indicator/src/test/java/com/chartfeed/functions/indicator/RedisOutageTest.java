package com.chartfeed.functions.indicator;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.cache.CacheHealth;
import com.chartfeed.cache.CacheStats;
import com.chartfeed.cache.TieredCache;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.Csv;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.RedisServerProcess;
import com.chartfeed.testing.TcpProxy;
import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.chartfeed.testing.FunctionHarness.header;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis dies mid-test (a real redis-server process stopped, or the network to it hanging):
 * answers stay 200 from L1 and the database, Redis is tried at most once per breaker interval,
 * health says DEGRADED; when Redis is back, L2 is used again without a restart.
 */
class RedisOutageTest {
    private static final long BREAKER_MILLIS = 500;
    private static final List<String> INDICATORS = List.of("sma", "ema", "rsi", "macd", "bbands", "atr", "obv");

    private RedisServerProcess redis;
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
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void redisStoppedAndRestarted() throws InterruptedException {
        redis = TestServices.startRedisServer();
        String symbol = startWithRedisAt(redis.uri());

        redis.stop();
        assertOutageIsSurvived(symbol, 2_000);

        redis.restart();
        assertRecovers(symbol);
    }

    @Test
    void redisHangingIsTimedOutOncePerBreakerInterval() throws InterruptedException {
        redis = TestServices.startRedisServer();
        proxy = TcpProxy.to("127.0.0.1", redis.port());
        String symbol = startWithRedisAt("redis://127.0.0.1:" + proxy.port());

        proxy.blackhole();
        long timeoutsBefore = counter("l2Timeouts");
        assertOutageIsSurvived(symbol, 2_000);
        assertTrue(counter("l2Timeouts") > timeoutsBefore, "the hang was noticed as timeouts");

        proxy.restore();
        assertRecovers(symbol);
    }

    @Test
    void aConnectionIdleTooLongIsReplacedBeforeUse() throws InterruptedException {
        // A thawed Lambda container may hold a socket that died while it was frozen: one idle
        // longer than cache.redis-idle-reconnect is not trusted, and no request pays for it.
        redis = TestServices.startRedisServer();
        String symbol = startWithRedisAt(redis.uri(), "300ms");
        long connects = counter("redisConnects");
        long failures = counter("l2Errors") + counter("l2Timeouts");
        String path = "/v1/indicators/" + symbol + "/sma?interval=1h&limit=20";
        Thread.sleep(150);
        assertEquals("HIT-L1", header(function.get(path), "X-Cache"));
        assertEquals(connects, counter("redisConnects"), "not idle long enough: same connection");

        Thread.sleep(400);
        function.context.getBean(com.chartfeed.cache.TieredCache.class).clearLocally();
        assertEquals("HIT-L2", header(function.get(path), "X-Cache"));
        assertEquals(connects + 1, counter("redisConnects"), "idle too long: a new connection");
        assertEquals(failures, counter("l2Errors") + counter("l2Timeouts"));
    }

    @Test
    void aSilentlyDroppedConnectionIsReplaced() throws InterruptedException {
        // The connection's packets vanish without a reset (a NAT entry expired, a failover behind
        // a load balancer): its commands time out, and TCP alone would take ~15 minutes to give up.
        // The probe after the breaker interval must go out on a new connection, which works.
        redis = TestServices.startRedisServer();
        proxy = TcpProxy.to("127.0.0.1", redis.port());
        String uri = "redis://127.0.0.1:" + proxy.port();
        String symbol = startWithRedisAt(uri);
        String path = "/v1/indicators/" + symbol + "/sma?interval=1h&limit=20";
        try (FunctionHarness<IndicatorFunction> other = new FunctionHarness<>(IndicatorFunction::new, Map.of(
                "redis.uri", uri, "cache.breaker-open-for", BREAKER_MILLIS + "ms",
                "cache.staleness-budget", "100ms", "cache.redis-command-timeout", "200ms"))) {
            assertEquals("HIT-L2", header(other.get(path), "X-Cache"), "the other container reads L2");
            proxy.silenceOpenConnections();

            TieredCache cache = other.context.getBean(TieredCache.class);
            cache.clearLocally();
            long start = System.nanoTime();
            assertEquals("MISS", header(other.get(path), "X-Cache"), "the silent connection timed out");
            String answer = await("L2 read again (HIT-L2) past a cleared L1")
                    .atMost(Duration.ofMillis(BREAKER_MILLIS + 3_000)).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        cache.clearLocally();
                        return header(other.get(path), "X-Cache");
                    }, "HIT-L2"::equals);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("HIT-L2", answer, "L2 not read again within " + millis + " ms of the connection going silent");
        }
    }

    private String startWithRedisAt(String uri) {
        return startWithRedisAt(uri, "5m");
    }

    private String startWithRedisAt(String uri, String idleReconnect) {
        function = new FunctionHarness<>(IndicatorFunction::new, Map.of("redis.uri", uri,
                "cache.redis-idle-reconnect", idleReconnect,
                "cache.breaker-open-for", BREAKER_MILLIS + "ms", "cache.staleness-budget", "100ms",
                // roomier than production's 50 ms so a busy CI machine's healthy Redis never times out
                "cache.redis-command-timeout", "200ms"));
        String symbol = TestServices.uniqueSymbol("ROUT");
        assertEquals(200, function.putCsv(symbol, "1h", Csv.of(TestCandles.randomWalk(symbol, Interval.H1, 400, 50)))
                .getStatusCode());
        for (String indicator : INDICATORS.subList(0, 3)) {
            String path = "/v1/indicators/" + symbol + "/" + indicator + "?interval=1h&limit=20";
            assertEquals("MISS", header(function.get(path), "X-Cache"));
            assertEquals("HIT-L1", header(function.get(path), "X-Cache"));
        }
        assertEquals(CacheHealth.UP, health().status());
        return symbol;
    }

    /** Requests keep coming for {@code millis}: all 200, Redis failures bounded by the breaker. */
    private void assertOutageIsSurvived(String symbol, long millis) throws InterruptedException {
        long failuresBefore = counter("l2Errors") + counter("l2Timeouts");
        long start = System.nanoTime();
        int requests = 0;
        while ((System.nanoTime() - start) / 1_000_000 < millis) {
            String indicator = INDICATORS.get(requests % INDICATORS.size());
            // Half cached, half new keys (other periods): both must be answered without Redis.
            String period = indicator.equals("obv") || indicator.equals("macd") || requests % 2 == 0
                    ? "" : "&period=" + (10 + requests % 5);
            APIGatewayV2HTTPResponse response = function.get("/v1/indicators/" + symbol + "/" + indicator
                    + "?interval=1h&limit=20" + period);
            assertEquals(200, response.getStatusCode(), response.getBody());
            requests++;
            Thread.sleep(10);
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        long failures = counter("l2Errors") + counter("l2Timeouts") - failuresBefore;
        long allowed = elapsedMillis / BREAKER_MILLIS + 1;
        assertTrue(failures >= 1 && failures <= allowed, failures + " Redis failures in " + elapsedMillis
                + " ms over " + requests + " requests; at most one per breaker interval (" + allowed + ") allowed");
        assertTrue(counter("l2Skipped") > 0, "requests skipped the dead Redis");
        assertEquals(CacheHealth.DEGRADED, health().status());
        assertEquals(CacheHealth.DOWN, health().l2().get("status"));
    }

    private void assertRecovers(String symbol) throws InterruptedException {
        await("the cache UP again").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertEquals(CacheHealth.UP, health().status(), "UP again without a restart"));
        String path = "/v1/indicators/" + symbol + "/willr?interval=1h&limit=5";
        assertEquals("MISS", header(function.get(path), "X-Cache"));
        long hitsBefore = counter("l2Hits");
        // Another container would now find it in L2: read it the way one would, past this L1.
        function.context.getBean(com.chartfeed.cache.TieredCache.class).clearLocally();
        assertEquals("HIT-L2", header(function.get(path), "X-Cache"));
        assertEquals(hitsBefore + 1, counter("l2Hits"));
    }

    private CacheHealth.Report health() {
        return function.context.getBean(CacheHealth.class).check();
    }

    private long counter(String name) {
        return function.context.getBean(CacheStats.class).counters().get(name);
    }
}
