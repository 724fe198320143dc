package com.chartfeed.functions.indicator;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.candles.DatabaseBreaker;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.TestServices;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static com.chartfeed.testing.FunctionHarness.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Database faults that are not an outage, on the real PostgreSQL: every connection of the pool
 * busy, a query PostgreSQL rejects, and an upload waiting for another writer of its (symbol,
 * interval) past the lock timeout. Each fails only the request it hit; the breaker, which
 * exists for a database that cannot be reached ({@link DatabaseOutageTest}), stays closed.
 */
class DatabaseFaultsTest {
    private FunctionHarness<IndicatorFunction> function;
    private final List<Connection> held = new ArrayList<>();
    private String schema;

    @AfterEach
    void stop() throws SQLException {
        release();
        if (function != null) {
            function.close();
        }
        if (schema != null) {
            try (Connection admin = connect(TestServices.postgresUrl()); Statement sql = admin.createStatement()) {
                sql.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void aBusyPoolIsA503ForThatRequestOnly() throws SQLException {
        // A budget shorter than the busy request's wait: the cached answer below is past it.
        function = new FunctionHarness<>(IndicatorFunction::new, Map.of("datasources.default.connection-timeout", "300",
                "cache.staleness-budget", "200ms"));
        String symbol = TestServices.uniqueSymbol("POOL");
        assertEquals(200, function.putCsv(symbol, "1h", csv(300, 3_600)).getStatusCode());
        assertEquals(200, function.putCsv(symbol, "1d", csv(100, 86_400)).getStatusCode());
        String cached = "/v1/indicators/" + symbol + "/rsi?interval=1h&limit=5";
        assertEquals("MISS", header(function.get(cached), "X-Cache"));

        holdEveryConnection();
        String uncached = "/v1/indicators/" + symbol + "/rsi?interval=1d&limit=5";
        APIGatewayV2HTTPResponse busy = function.get(uncached);
        assertEquals(503, busy.getStatusCode(), busy.getBody());
        assertEquals("application/problem+json", header(busy, "Content-Type"));
        assertNotNull(header(busy, "Retry-After"));
        assertFalse(breaker().isOpen(), "a busy pool is back-pressure, not a database outage");
        // Cached, but its version cannot be confirmed (no Redis here, and no connection for the
        // version read): served, as STALE, never as current.
        APIGatewayV2HTTPResponse cachedAnswer = function.get(cached);
        assertEquals(200, cachedAnswer.getStatusCode(), cachedAnswer.getBody());
        assertEquals("STALE", header(cachedAnswer, "X-Cache"));
        assertEquals("no-cache", header(cachedAnswer, "Cache-Control"));

        release();
        APIGatewayV2HTTPResponse after = function.get(uncached);
        assertEquals(200, after.getStatusCode(), "answered at once, not skipped by a breaker: " + after.getBody());
        assertEquals("MISS", header(after, "X-Cache"));
    }

    @Test
    void aQueryErrorIsALogged500ForThatRequestOnly() throws SQLException {
        // A schema of this test's own, so that breaking it disturbs no other test on the database.
        schema = "faults_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = connect(TestServices.postgresUrl()); Statement sql = admin.createStatement()) {
            sql.execute("CREATE SCHEMA " + schema);
        }
        String url = TestServices.postgresUrl() + (TestServices.postgresUrl().contains("?") ? "&" : "?")
                + "currentSchema=" + schema;
        function = new FunctionHarness<>(IndicatorFunction::new, Map.of("datasources.default.url", url));
        String symbol = TestServices.uniqueSymbol("QERR");
        assertEquals(200, function.putCsv(symbol, "1h", csv(300, 3_600)).getStatusCode());
        assertEquals(200, function.putCsv(symbol, "1d", csv(100, 86_400)).getStatusCode());
        String cached = "/v1/indicators/" + symbol + "/rsi?interval=1h&limit=5";
        assertEquals("MISS", header(function.get(cached), "X-Cache"));

        // Schema drift, as when a newer release has migrated the table under this one.
        try (Connection admin = connect(url); Statement sql = admin.createStatement()) {
            sql.execute("ALTER TABLE candles RENAME COLUMN v TO volume");
        }
        APIGatewayV2HTTPResponse failed = function.get("/v1/indicators/" + symbol + "/rsi?interval=1d&limit=5");
        assertEquals(500, failed.getStatusCode(), failed.getBody());
        assertEquals("application/problem+json", header(failed, "Content-Type"));
        Map<String, Object> problem = function.body(failed);
        assertEquals(500, ((Number) problem.get("status")).intValue());
        assertFalse(failed.getBody().contains("volume") || failed.getBody().contains("column"),
                "the problem reveals nothing of the internals: " + failed.getBody());
        assertFalse(breaker().isOpen(), "the database answered; only this query is wrong");

        APIGatewayV2HTTPResponse hit = function.get(cached);
        assertEquals("HIT-L1", header(hit, "X-Cache"));
        APIGatewayV2HTTPResponse unknown = function.get("/v1/indicators/NOSUCH" + symbol.substring(0, 8)
                + "/rsi?interval=1d");
        assertEquals(404, unknown.getStatusCode(), "the database is still asked, and answers: " + unknown.getBody());
    }

    @Test
    @Timeout(30)
    void aWriteWaitingForItsScopesRowLockIsA503ForThatRequestOnly() throws SQLException {
        function = new FunctionHarness<>(IndicatorFunction::new, Map.of());
        String symbol = TestServices.uniqueSymbol("LOCK");
        assertEquals(200, function.putCsv(symbol, "1h", csv(300, 3_600)).getStatusCode());
        String cached = "/v1/indicators/" + symbol + "/rsi?interval=1h&limit=5";
        assertEquals("MISS", header(function.get(cached), "X-Cache"));

        // Another writer of the same (symbol, interval) holds its version's row lock for long.
        try (Connection other = connect(TestServices.postgresUrl())) {
            other.setAutoCommit(false);
            try (Statement sql = other.createStatement()) {
                sql.executeQuery("SELECT version FROM candle_versions WHERE symbol = '" + symbol
                        + "' AND \"interval\" = '1h' FOR UPDATE").close();
            }
            long start = System.nanoTime();
            APIGatewayV2HTTPResponse waited = function.putCsv(symbol, "1h", csv(301, 3_600));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(503, waited.getStatusCode(), waited.getBody());
            assertEquals("application/problem+json", header(waited, "Content-Type"));
            assertEquals("1", header(waited, "Retry-After"), "a busy row, not a database outage");
            assertTrue(millis < 4_000, "gave up at the lock timeout, not the 5 s socket timeout: " + millis + " ms");
            assertFalse(breaker().isOpen(), "a lock wait is contention, not a database outage");
            APIGatewayV2HTTPResponse hit = function.get(cached);
            assertEquals("HIT-L1", header(hit, "X-Cache"), "reads go on as usual: " + hit.getBody());
            other.rollback();
        }
        assertEquals(200, function.putCsv(symbol, "1h", csv(301, 3_600)).getStatusCode(), "once the lock is free");
    }

    private DatabaseBreaker breaker() {
        return function.context.getBean(DatabaseBreaker.class);
    }

    private void holdEveryConnection() throws SQLException {
        HikariDataSource pool = function.context.getBean(DataSource.class).unwrap(HikariDataSource.class);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (held.size() < pool.getMaximumPoolSize()) {
            try {
                held.add(pool.getConnection());
            } catch (SQLTransientConnectionException slowToOpen) {
                // The pool opens connections one at a time; on a loaded machine that outlasts its short wait.
                if (System.nanoTime() > deadline) {
                    throw slowToOpen;
                }
            }
        }
    }

    private void release() throws SQLException {
        for (Connection connection : held) {
            connection.close();
        }
        held.clear();
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, TestServices.postgres().get("datasources.default.username").toString(),
                TestServices.postgres().get("datasources.default.password").toString());
    }

    /** {@code count} valid candles {@code step} seconds apart, as the upload CSV. */
    static String csv(int count, long step) {
        Random random = new Random(count * step);
        StringBuilder csv = new StringBuilder("time,open,high,low,close,volume\n");
        double close = 100;
        long start = 1_700_006_400L / 86_400 * 86_400;
        for (int i = 0; i < count; i++) {
            double open = close;
            close = Math.max(1, open + random.nextGaussian());
            double high = Math.max(open, close) + random.nextDouble();
            double low = Math.min(open, close) - random.nextDouble() / 2;
            csv.append(start + i * step).append(',').append(open).append(',').append(high).append(',').append(low)
                    .append(',').append(close).append(',').append(1_000 + random.nextInt(1_000)).append('\n');
        }
        return csv.toString();
    }
}
