package com.chartfeed.functions.indicator;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.Csv;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.RedisServerProcess;
import com.chartfeed.testing.TcpProxy;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.chartfeed.testing.FunctionHarness.header;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Neither Redis nor PostgreSQL answers: a container past its staleness budget cannot confirm that
 * what it holds is current, so it says so ({@code STALE}, {@code no-cache}) instead of a hit. A
 * writes a candle while both are up; then the test's own {@code redis-server} stops and the network
 * to PostgreSQL (B's, through a proxy) is cut; past the budget B still holds the old RSI in L1.
 */
class NeitherRedisNorDatabaseTest {
    private static final long BUDGET_MILLIS = 500;

    private RedisServerProcess redis;
    private TcpProxy proxy;
    private FunctionHarness<IndicatorFunction> writer;
    private FunctionHarness<IndicatorFunction> reader;

    @AfterEach
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {reader, writer, proxy, redis}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Test
    void aContainerThatCannotConfirmItsVersionAnswersStaleNeverAHit() throws InterruptedException {
        redis = TestServices.startRedisServer();
        URI postgres = URI.create(TestServices.postgresUrl().substring("jdbc:".length()));
        proxy = TcpProxy.to(postgres.getHost(), postgres.getPort());
        Map<String, Object> fleet = Map.of("redis.uri", redis.uri(),
                "cache.staleness-budget", BUDGET_MILLIS + "ms", "cache.redis-command-timeout", "250ms");
        writer = new FunctionHarness<>(IndicatorFunction::new, fleet);
        Map<String, Object> behindProxy = new java.util.HashMap<>(fleet);
        behindProxy.put("datasources.default.url",
                "jdbc:postgresql://127.0.0.1:" + proxy.port() + postgres.getPath());
        behindProxy.put("datasources.default.connection-timeout", "500");
        reader = new FunctionHarness<>(IndicatorFunction::new, behindProxy);

        String symbol = TestServices.uniqueSymbol("NONE");
        CandleColumns candles = TestCandles.randomWalk(symbol, Interval.H1, 300, 80);
        assertEquals(200, writer.putCsv(symbol, "1h", Csv.of(candles.slice(0, 299))).getStatusCode());
        String rsi = "/v1/indicators/" + symbol + "/rsi?interval=1h&limit=3";
        assertEquals("MISS", header(reader.get(rsi), "X-Cache"));
        assertEquals("HIT-L1", header(reader.get(rsi), "X-Cache"));

        APIGatewayV2HTTPResponse written = writer.putCsv(symbol, "1h", Csv.of(candles.slice(299, 300)));
        assertEquals(200, written.getStatusCode(), written.getBody());
        redis.stop();
        proxy.cut();
        Thread.sleep(BUDGET_MILLIS + 200);

        for (int i = 0; i < 3; i++) {
            APIGatewayV2HTTPResponse answer = reader.get(rsi);
            String source = header(answer, "X-Cache");
            assertNotEquals("HIT-L1", source, "served as current without being able to confirm it");
            if (answer.getStatusCode() == 200) {
                assertEquals("STALE", source, answer.getBody());
                assertEquals("no-cache", header(answer, "Cache-Control"));
            } else {
                assertEquals(503, answer.getStatusCode(), answer.getBody());
            }
        }

        // Both back: the new candle is served as current again.
        redis.restart();
        proxy.restore();
        APIGatewayV2HTTPResponse back = await("a current (not STALE) 200 with both back").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> reader.get(rsi), r -> r.getStatusCode() == 200 && !"STALE".equals(header(r, "X-Cache")));
        assertEquals(200, back.getStatusCode(), back.getBody());
        assertNotEquals("STALE", header(back, "X-Cache"));
        List<?> t = (List<?>) reader.body(back).get("t");
        assertEquals(candles.t()[299], ((Number) t.get(t.size() - 1)).longValue());
    }
}
