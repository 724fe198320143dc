package com.chartfeed.candles;

import com.chartfeed.cache.CacheInvalidator;
import com.chartfeed.service.CandleWriter;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The candle table on the real PostgreSQL: upserts, range reads, reads of what changed since a
 * version, and the indexes they use.
 */
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
        store.upsert(id, Interval.H1, candles, 0);
        store.upsert(id, Interval.H1, candles, 0);

        CandleColumns stored = store.readAll(id, Interval.H1);
        assertArrayEquals(candles.t(), stored.t());
        assertArrayEquals(candles.c(), stored.c());
        assertArrayEquals(candles.v(), stored.v());

        double[] close = candles.c().clone();
        close[10] = close[10] + 1;
        double[] high = candles.h().clone();
        high[10] = Math.max(high[10], close[10]);
        store.upsert(id, Interval.H1, new CandleColumns(candles.t(), candles.o(), high, candles.l(), close,
                candles.v()).slice(10, 11), 0);
        CandleColumns updated = store.readAll(id, Interval.H1);
        assertEquals(2_500, updated.size());
        assertEquals(close[10], updated.c()[10]);
        assertEquals(candles.c()[11], updated.c()[11]);
    }

    @Test
    void changedSinceReadsWhatUploadsWroteAfterAVersion() {
        String symbol = TestServices.uniqueSymbol("DELTA");
        CandleWriter writer = context.getBean(CandleWriter.class);
        CandleVersions versions = context.getBean(CandleVersions.class);
        CandleColumns candles = TestCandles.randomWalk(symbol, Interval.H1, 100, 20);
        writer.upsert(symbol, Interval.H1, candles.slice(0, 98));
        long id = symbols.find(symbol).orElseThrow();
        CandleVersions.ScopeVersion first = versions.scope(symbol, Interval.H1);
        assertTrue(first.version() > 0 && first.rowsTellChangesSince(0), first.toString());
        assertEquals(98, store.changedSince(id, Interval.H1, 0).size());
        assertEquals(0, store.changedSince(id, Interval.H1, first.version()).size());

        // Two candles appended, then one in the middle corrected.
        writer.upsert(symbol, Interval.H1, candles.slice(98, 100));
        double[] close = candles.c().clone();
        close[50] += 1;
        double[] high = candles.h().clone();
        high[50] = Math.max(high[50], close[50]);
        writer.upsert(symbol, Interval.H1, new CandleColumns(candles.t(), candles.o(), high, candles.l(), close,
                candles.v()).slice(50, 51));
        CandleVersions.ScopeVersion now = versions.scope(symbol, Interval.H1);
        assertTrue(now.version() > first.version() && now.rowsTellChangesSince(first.version()), now.toString());
        CandleColumns changed = store.changedSince(id, Interval.H1, first.version());
        assertArrayEquals(new long[]{candles.t()[50], candles.t()[98], candles.t()[99]}, changed.t());
        assertEquals(close[50], changed.c()[0]);
        assertEquals(candles.c()[99], changed.c()[2]);
        assertEquals(0, store.changedSince(id, Interval.H1, now.version()).size());
        assertEquals(0, store.changedSince(id, Interval.D1, 0).size(), "another interval is another scope");

        // An invalidation (an ingestion event: someone else wrote candles) is recorded by no row.
        context.getBean(CacheInvalidator.class).invalidate(symbol, Interval.H1, CacheInvalidator.Waiting.EVENT);
        CandleVersions.ScopeVersion invalidated = versions.scope(symbol, Interval.H1);
        assertTrue(invalidated.version() > now.version());
        assertFalse(invalidated.rowsTellChangesSince(now.version()), "a reader at an older version reads everything");
        assertTrue(invalidated.rowsTellChangesSince(invalidated.version()));
        writer.upsert(symbol, Interval.H1, candles.slice(99, 100));
        assertTrue(versions.scope(symbol, Interval.H1).rowsTellChangesSince(invalidated.version()),
                "uploads after it are told by the rows again");
        assertArrayEquals(new long[]{candles.t()[99]}, store.changedSince(id, Interval.H1, invalidated.version()).t());
    }

    @Test
    void changedSinceUsesTheVersionIndex() {
        long target = 0;
        for (int s = 0; s < 10; s++) {
            long id = symbols.findOrCreate(TestServices.uniqueSymbol("CHG"));
            store.upsert(id, Interval.M5, TestCandles.randomWalk("C" + s, Interval.M5, 2_000, 10), 0);
            target = id;
        }
        // A reader asks for what changed since a recent version: few rows, if any.
        String plan = explain(CandleStore.SELECT_CHANGED, target, Interval.M5, 1_000_000_000L);
        assertTrue(plan.contains("candles_changed"), () -> "plan does not use the version index:\n" + plan);
    }

    @Test
    void rangeReadIsInclusiveAndKeepsIntervalsApart() {
        long id = symbols.findOrCreate(TestServices.uniqueSymbol("RANGE"));
        CandleColumns hourly = TestCandles.randomWalk("R", Interval.H1, 100, 50);
        CandleColumns daily = TestCandles.randomWalk("R", Interval.D1, 30, 50);
        store.upsert(id, Interval.H1, hourly, 0);
        store.upsert(id, Interval.D1, daily, 0);

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
            store.upsert(id, Interval.M5, TestCandles.randomWalk("P" + s, Interval.M5, 2_000, 10), 0);
            target = id;
        }
        String plan = explain(CandleStore.SELECT_RANGE, target, Interval.M5, 0L, Long.MAX_VALUE);
        assertTrue(plan.contains("candles_pkey"), () -> "plan does not use the primary key:\n" + plan);
    }

    @SuppressWarnings("unchecked")
    private static String explain(String query, long symbolId, Interval interval, long... more) {
        JdbcOperations jdbc = context.getBean(JdbcOperations.class);
        TransactionOperations<Connection> tx = context.getBean(TransactionOperations.class);
        return tx.executeWrite(status -> {
            jdbc.prepareStatement("ANALYZE candles", statement -> statement.execute());
            return jdbc.prepareStatement("EXPLAIN " + query, statement -> {
                statement.setLong(1, symbolId);
                statement.setString(2, interval.code());
                for (int i = 0; i < more.length; i++) {
                    statement.setLong(3 + i, more[i]);
                }
                StringBuilder text = new StringBuilder();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        text.append(rows.getString(1)).append('\n');
                    }
                }
                return text.toString();
            });
        });
    }
}
