package com.chartfeed.functions.indicator;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.cache.CacheStats;
import com.chartfeed.cache.TieredCache;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.Csv;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.TcpProxy;
import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micronaut.jdbc.DataSourceResolver;

import javax.sql.DataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static com.chartfeed.testing.FunctionHarness.header;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SnapStart's hooks, called as Lambda calls them around a snapshot, on the real handler, PostgreSQL
 * and Redis, each behind a proxy that shows the connections and can kill them all (as a restore
 * elsewhere, hours later, finds them): the snapshot holds no open connection and nothing the
 * priming cached; after the restore the handler answers as before, on new connections.
 */
class SnapStartHooksTest {
    private TcpProxy postgres;
    private TcpProxy redis;
    private FunctionHarness<IndicatorFunction> function;

    @AfterEach
    void stop() {
        if (function != null) {
            function.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void primedHandlerKeepsNoConnectionInTheSnapshotAndAnswersAfterRestore() throws Exception {
        URI db = URI.create(TestServices.postgresUrl().substring("jdbc:".length()));
        URI cache = URI.create(TestServices.redisUri());
        postgres = TcpProxy.to(db.getHost(), db.getPort());
        redis = TcpProxy.to(cache.getHost(), cache.getPort());
        function = new FunctionHarness<>(IndicatorFunction::new, Map.of(
                "datasources.default.url", "jdbc:postgresql://127.0.0.1:" + postgres.port() + db.getPath(),
                "redis.uri", "redis://127.0.0.1:" + redis.port(),
                // roomier than production's 50 ms so a busy CI machine's healthy Redis never times out
                "cache.redis-command-timeout", "200ms"));
        String symbol = TestServices.uniqueSymbol("SNAP");
        assertEquals(200, function.putCsv(symbol, "1h", Csv.of(TestCandles.randomWalk(symbol, Interval.H1, 300, 80)))
                .getStatusCode());
        String path = "/v1/indicators/" + symbol + "/rsi?interval=1h&limit=10";
        APIGatewayV2HTTPResponse before = function.get(path);
        assertEquals("MISS", header(before, "X-Cache"));

        function.handler.snapStart().beforeCheckpoint(null);
        awaitClosed(postgres);
        awaitClosed(redis);
        assertEquals(0, function.context.getBean(TieredCache.class).l1Usage().entries(), "priming left L1 entries");

        // Whatever the snapshot might still hold is dead after a restore.
        postgres.cut();
        redis.cut();
        postgres.restore();
        redis.restore();
        long connects = counter("redisConnects");
        function.handler.snapStart().afterRestore(null);

        APIGatewayV2HTTPResponse after = function.get(path);
        assertEquals(200, after.getStatusCode(), after.getBody());
        assertEquals(before.getBody(), after.getBody());
        assertEquals("HIT-L2", header(after, "X-Cache"), "Redis is used again");
        assertEquals(connects + 1, counter("redisConnects"), "on a connection of its own");
        APIGatewayV2HTTPResponse candles = function.get("/v1/candles/" + symbol + "?interval=1h&limit=5");
        assertEquals(200, candles.getStatusCode(), "the database is read again: " + candles.getBody());
        assertTrue(postgres.openConnections() > 0, "PostgreSQL connections after the restore");
        assertTrue(redis.openConnections() > 0, "Redis connections after the restore");
        assertEquals(0, counter("l2Errors") + counter("l2Timeouts"), "no request met a dead connection");
    }

    /**
     * As deployed: the upload function's hook (the owner, with {@code database.reader.*} set) makes
     * the read-only login; a read function connecting as that login then serves the owner's candles,
     * while the login cannot write them.
     */
    @Test
    void theOwnersHookMakesTheReadOnlyLoginTheReadPathsUse() throws Exception {
        String login = "cf_hook_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        function = new FunctionHarness<>(IndicatorFunction::new, Map.of(
                "database.reader.username", login, "database.reader.password", "reader-password"));
        try {
            String symbol = TestServices.uniqueSymbol("RO");
            assertEquals(200, function.putCsv(symbol, "1h", Csv.of(TestCandles.randomWalk(symbol, Interval.H1, 50, 80)))
                    .getStatusCode());
            function.handler.snapStart().beforeCheckpoint(null);
            function.handler.snapStart().afterRestore(null);

            try (FunctionHarness<IndicatorFunction> reader = new FunctionHarness<>(IndicatorFunction::new, Map.of(
                    "datasources.default.username", login, "datasources.default.password", "reader-password",
                    "flyway.datasources.default.enabled", "false"))) {
                APIGatewayV2HTTPResponse candles = reader.get("/v1/candles/" + symbol + "?interval=1h&limit=5");
                assertEquals(200, candles.getStatusCode(), candles.getBody());
                assertEquals("MISS", header(candles, "X-Cache"), "read from the database as the login");
                SQLException denied = assertThrows(SQLException.class, () -> sql(reader, "DELETE FROM candles WHERE false"));
                assertEquals("42501", denied.getSQLState(), denied.getMessage());
            }
        } finally {
            sql(function, "DROP OWNED BY " + login);
            sql(function, "DROP ROLE " + login);
        }
    }

    private static void sql(FunctionHarness<?> harness, String sql) throws SQLException {
        DataSource bean = harness.context.getBean(DataSource.class);
        DataSource pool = harness.context.findBean(DataSourceResolver.class).map(r -> r.resolve(bean)).orElse(bean);
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The pool closes its connections on a thread of its own: wait for it, a few seconds at most. */
    private static void awaitClosed(TcpProxy proxy) {
        await("the pool's connections closed").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertEquals(0, proxy.openConnections(), "connections open at the snapshot"));
    }

    private long counter(String name) {
        return function.context.getBean(CacheStats.class).counters().get(name);
    }
}
