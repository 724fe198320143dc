package com.chartfeed.candles;

import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The candle table on the real PostgreSQL: upserts, range reads and the index they use. */
class CandleStoreTest {
    private static ApplicationContext context;
    private static CandleStore store;
    private static SymbolDirectory symbols;

    @BeforeAll
    static void start() {
        context = TestServices.startOnPostgres(Map.of());
        store = context.getBean(CandleStore.class);
        symbols = context.getBean(SymbolDirectory.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void upsertIsIdempotentAndReplacesChangedCandles() {
        long id = symbols.findOrCreate(TestServices.uniqueSymbol("UP"));
        CandleColumns candles = TestCandles.randomWalk("UP", Interval.H1, 2_500, 100);
        store.upsert(id, Interval.H1, candles);
        store.upsert(id, Interval.H1, candles);

        CandleColumns stored = store.readAll(id, Interval.H1);
        assertArrayEquals(candles.t(), stored.t());
        assertArrayEquals(candles.c(), stored.c());
        assertArrayEquals(candles.v(), stored.v());

        double[] close = candles.c().clone();
        close[10] = close[10] + 1;
        double[] high = candles.h().clone();
        high[10] = Math.max(high[10], close[10]);
        store.upsert(id, Interval.H1, new CandleColumns(candles.t(), candles.o(), high, candles.l(), close,
                candles.v()).slice(10, 11));
        CandleColumns updated = store.readAll(id, Interval.H1);
        assertEquals(2_500, updated.size());
        assertEquals(close[10], updated.c()[10]);
        assertEquals(candles.c()[11], updated.c()[11]);
    }

    @Test
    void rangeReadIsInclusiveAndKeepsIntervalsApart() {
        long id = symbols.findOrCreate(TestServices.uniqueSymbol("RANGE"));
        CandleColumns hourly = TestCandles.randomWalk("R", Interval.H1, 100, 50);
        CandleColumns daily = TestCandles.randomWalk("R", Interval.D1, 30, 50);
        store.upsert(id, Interval.H1, hourly);
        store.upsert(id, Interval.D1, daily);

        CandleColumns part = store.read(id, Interval.H1, hourly.t()[20], hourly.t()[29]);
        assertArrayEquals(hourly.slice(20, 30).t(), part.t());
        assertArrayEquals(hourly.slice(20, 30).o(), part.o());
        assertEquals(30, store.readAll(id, Interval.D1).size());
        assertEquals(0, store.readAll(id, Interval.M5).size());
    }

    @Test
    void rangeReadsUseThePrimaryKey() {
        // Enough other symbols that a sequential scan would be the wrong plan.
        long target = 0;
        for (int s = 0; s < 10; s++) {
            long id = symbols.findOrCreate(TestServices.uniqueSymbol("PLAN"));
            store.upsert(id, Interval.M5, TestCandles.randomWalk("P" + s, Interval.M5, 2_000, 10));
            target = id;
        }
        long symbolId = target;
        JdbcOperations jdbc = context.getBean(JdbcOperations.class);
        TransactionOperations<Connection> tx = context.getBean(TransactionOperations.class);
        String plan = tx.executeWrite(status -> {
            jdbc.prepareStatement("ANALYZE candles", statement -> statement.execute());
            String explain = "EXPLAIN " + CandleStore.SELECT_RANGE;
            return jdbc.prepareStatement(explain, statement -> {
                statement.setLong(1, symbolId);
                statement.setString(2, Interval.M5.code());
                statement.setLong(3, 0);
                statement.setLong(4, Long.MAX_VALUE);
                StringBuilder text = new StringBuilder();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        text.append(rows.getString(1)).append('\n');
                    }
                }
                return text.toString();
            });
        });
        assertTrue(plan.contains("candles_pkey"), () -> "plan does not use the primary key:\n" + plan);
    }
}
