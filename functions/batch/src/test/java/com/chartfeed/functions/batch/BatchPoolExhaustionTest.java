package com.chartfeed.functions.batch;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.DatabaseBreaker;
import com.chartfeed.candles.Interval;
import com.chartfeed.service.CandleWriter;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.TestServices;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every connection of the pool held (by the test, through the real PostgreSQL pool) while a batch
 * needs the database: its misses answer 503 in their slots, its cached items 200, and the breaker
 * stays closed, so the next batch after the connections are free is answered in full at once.
 */
class BatchPoolExhaustionTest {
    private FunctionHarness<BatchFunction> function;
    private final List<Connection> held = new ArrayList<>();

    @AfterEach
    void stop() throws SQLException {
        release();
        if (function != null) {
            function.close();
        }
    }

    @Test
    void aBusyPoolFailsOnlyTheItemsThatNeedIt() throws SQLException {
        function = new FunctionHarness<>(BatchFunction::new, Map.of("datasources.default.connection-timeout", "300"));
        HikariDataSource pool = function.context.getBean(DataSource.class).unwrap(HikariDataSource.class);
        assertTrue(pool.getMaximumPoolSize() >= 10, "the pool covers a full batch's fan-out");
        String cachedSymbol = upload("BPOOLA");
        String[] others = {upload("BPOOLB"), upload("BPOOLC"), upload("BPOOLD")};
        assertEquals(List.of(200), statuses(batch(item(cachedSymbol))));

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
        String mixed = batch(item(cachedSymbol), item(others[0]), item(others[1]), item(others[2]));
        APIGatewayV2HTTPResponse busy = invoke(mixed);
        assertEquals(List.of(200, 503, 503, 503), statuses(busy), busy.getBody());
        assertFalse(function.context.getBean(DatabaseBreaker.class).isOpen(),
                "a busy pool is back-pressure, not a database outage");

        release();
        assertEquals(List.of(200, 200, 200, 200), statuses(invoke(mixed)), "answered at once, not skipped");
    }

    private String upload(String prefix) {
        String symbol = TestServices.uniqueSymbol(prefix);
        int n = 60;
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 1_700_002_800L + i * 3_600L;
            o[i] = 100 + Math.sin(i);
            c[i] = 100 + Math.cos(i);
            h[i] = Math.max(o[i], c[i]) + 0.5;
            l[i] = Math.min(o[i], c[i]) - 0.5;
            v[i] = 1_000 + i;
        }
        function.context.getBean(CandleWriter.class).upsert(symbol, Interval.H1, new CandleColumns(t, o, h, l, c, v));
        return symbol;
    }

    private static String item(String symbol) {
        return "{\"symbol\":\"" + symbol + "\",\"indicator\":\"rsi\",\"interval\":\"1h\",\"limit\":3}";
    }

    private static String batch(String... items) {
        return "{\"requests\":[" + String.join(",", items) + "]}";
    }

    private APIGatewayV2HTTPResponse invoke(String body) {
        return function.invoke("POST", "/v1/indicators/batch", Map.of("Content-Type", "application/json"), body);
    }

    private List<Integer> statuses(String body) {
        return statuses(invoke(body));
    }

    private List<Integer> statuses(APIGatewayV2HTTPResponse response) {
        assertEquals(200, response.getStatusCode(), response.getBody());
        List<Integer> statuses = new ArrayList<>();
        for (Object result : (List<?>) function.body(response).get("results")) {
            statuses.add(((Number) ((Map<?, ?>) result).get("status")).intValue());
        }
        return statuses;
    }

    private void release() throws SQLException {
        for (Connection connection : held) {
            connection.close();
        }
        held.clear();
    }
}
