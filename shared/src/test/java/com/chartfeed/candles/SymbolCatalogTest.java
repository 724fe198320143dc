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
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The symbol listing on the real PostgreSQL: what it finds, and that it never reads candles. */
class SymbolCatalogTest {
    private static ApplicationContext context;

    @BeforeAll
    static void start() {
        context = TestServices.startOnPostgres(Map.of());
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void listsSymbolsWithCandlesAndTheirIntervals() {
        String prefix = TestServices.uniqueSymbol("SC").substring(0, 12);
        SymbolDirectory symbols = context.getBean(SymbolDirectory.class);
        CandleStore store = context.getBean(CandleStore.class);
        long b = symbols.findOrCreate(prefix + "B");
        store.upsert(b, Interval.D1, TestCandles.randomWalk("B", Interval.D1, 10, 10), 0);
        store.upsert(b, Interval.M5, TestCandles.randomWalk("B", Interval.M5, 10, 10), 0);
        long a = symbols.findOrCreate(prefix + "A");
        store.upsert(a, Interval.H1, TestCandles.randomWalk("A", Interval.H1, 10, 10), 0);
        symbols.findOrCreate(prefix + "C"); // registered, no candles: not listed

        List<SymbolCatalog.Listing> listed = context.getBean(SymbolCatalog.class).list(prefix, 100);

        assertEquals(List.of(new SymbolCatalog.Listing(prefix + "A", List.of("1h")),
                new SymbolCatalog.Listing(prefix + "B", List.of("5m", "1d"))), listed);
    }

    @Test
    void theListingProbesThePrimaryKeyAndNeverScansCandles() {
        SymbolDirectory symbols = context.getBean(SymbolDirectory.class);
        CandleStore store = context.getBean(CandleStore.class);
        for (int s = 0; s < 5; s++) {
            long id = symbols.findOrCreate(TestServices.uniqueSymbol("SCPLAN"));
            store.upsert(id, Interval.M1, TestCandles.randomWalk("P" + s, Interval.M1, 3_000, 10), 0);
        }
        JdbcOperations jdbc = context.getBean(JdbcOperations.class);
        TransactionOperations<Connection> tx = context.getBean(TransactionOperations.class);
        String plan = tx.executeWrite(status -> {
            jdbc.prepareStatement("ANALYZE candles", statement -> statement.execute());
            jdbc.prepareStatement("ANALYZE symbols", statement -> statement.execute());
            return jdbc.prepareStatement("EXPLAIN " + SymbolCatalog.LIST, statement -> {
                statement.setString(1, "%");
                statement.setInt(2, SymbolCatalog.MAX_LIMIT);
                StringBuilder text = new StringBuilder();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        text.append(rows.getString(1)).append('\n');
                    }
                }
                return text.toString();
            });
        });
        assertFalse(plan.contains("Seq Scan on candles"), () -> "the listing scans candles:\n" + plan);
        long probes = plan.lines().filter(line -> line.contains("Index Only Scan using candles_pkey")).count();
        assertEquals(Interval.values().length + 1, probes, () -> "one primary-key probe per interval and one for any:\n" + plan);
    }

    @Test
    void likeWildcardsInThePrefixAreLiteral() {
        assertEquals("AB!_C%", SymbolCatalog.likePrefix("AB_C"));
        assertTrue(SymbolCatalog.likePrefix("").equals("%"));
    }
}
