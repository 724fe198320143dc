package com.chartfeed.candles;

import com.chartfeed.testing.TestServices;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver's timeouts that application.yml sets are in force on the pool's connections: a query
 * the server does not answer fails after the socket timeout (5 s) as a database that cannot be
 * reached, instead of waiting as long as the server takes. (Written as YAML numbers they reached
 * the driver as Integers, which its property lookup ignores: no timeout at all.)
 */
class DriverTimeoutsTest {
    @Test
    @SuppressWarnings("unchecked")
    void aQueryTheServerDoesNotAnswerFailsAtTheSocketTimeout() {
        try (ApplicationContext context = TestServices.startOnPostgres(Map.of())) {
            JdbcOperations jdbc = context.getBean(JdbcOperations.class);
            TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
            long start = System.nanoTime();
            RuntimeException failed = assertThrows(RuntimeException.class, () -> transactions.executeRead(status ->
                    jdbc.prepareStatement("SELECT pg_sleep(8)", statement -> statement.execute())));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 4_500 && millis < 7_500, "gave up after " + millis + " ms");
            assertEquals(DatabaseFault.UNREACHABLE, DatabaseFault.of(failed), failed.toString());
        }
    }
}
