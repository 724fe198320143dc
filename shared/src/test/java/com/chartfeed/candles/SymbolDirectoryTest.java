package com.chartfeed.candles;

import com.chartfeed.testing.TestServices;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Symbol lookups are served from memory after the first one: proven by changing the table behind
 * the directory's back and seeing the remembered answer until it expires.
 */
class SymbolDirectoryTest {
    private static ApplicationContext context;
    private static SymbolDirectory directory;
    private static JdbcOperations jdbc;
    private static TransactionOperations<Connection> tx;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void start() {
        context = TestServices.startOnPostgres(Map.of("candles.symbols.unknown-ttl", "1s"));
        directory = context.getBean(SymbolDirectory.class);
        jdbc = context.getBean(JdbcOperations.class);
        tx = context.getBean(TransactionOperations.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void knownSymbolIsAnsweredWithoutTheDatabase() {
        String symbol = TestServices.uniqueSymbol("KNOWN");
        long id = directory.findOrCreate(symbol);
        assertEquals(id, directory.find(symbol).orElseThrow());

        sql("UPDATE symbols SET symbol = 'X" + id + "' WHERE id = " + id);
        assertEquals(id, directory.find(symbol).orElseThrow(), "a second lookup must not reach the database");
    }

    @Test
    void unknownSymbolIsRememberedBriefly() throws InterruptedException {
        String symbol = TestServices.uniqueSymbol("LATE");
        assertFalse(directory.find(symbol).isPresent());

        sql("INSERT INTO symbols (symbol) VALUES ('" + symbol + "')");
        assertFalse(directory.find(symbol).isPresent(), "within unknown-ttl the miss is remembered");

        Thread.sleep(1_100);
        assertTrue(directory.find(symbol).isPresent(), "after unknown-ttl the database is asked again");
    }

    @Test
    void aMissIsNeverRememberedBeyondTheStalenessBudget() throws InterruptedException {
        // Else a symbol another container uploaded would stay unknown here beyond the budget.
        try (ApplicationContext shortBudget = TestServices.startOnPostgres(Map.of(
                "candles.symbols.unknown-ttl", "1h", "cache.staleness-budget", "300ms"))) {
            SymbolDirectory cut = shortBudget.getBean(SymbolDirectory.class);
            String symbol = TestServices.uniqueSymbol("CUT");
            assertFalse(cut.find(symbol).isPresent());
            sql("INSERT INTO symbols (symbol) VALUES ('" + symbol + "')");
            Thread.sleep(400);
            assertTrue(cut.find(symbol).isPresent(), "a miss is forgotten after the budget, not unknown-ttl");
        }
    }

    private static void sql(String statement) {
        tx.executeWrite(status -> jdbc.prepareStatement(statement, s -> s.executeUpdate()));
    }
}
