package com.chartfeed.candles;

import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The classification table, on the exception types the driver, Hikari and Micronaut Data throw
 * (the same faults on the real servers: {@code DatabaseOutageTest}, {@code DatabaseFaultsTest}).
 */
class DatabaseFaultTest {
    @Test
    void connectionFailuresAreUnreachable() {
        assertEquals(DatabaseFault.UNREACHABLE, DatabaseFault.of(wrapped(
                new PSQLException("refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("refused")))));
        assertEquals(DatabaseFault.UNREACHABLE, DatabaseFault.of(wrapped(
                new PSQLException("I/O error", PSQLState.CONNECTION_FAILURE, new SocketTimeoutException("read")))));
        assertEquals(DatabaseFault.UNREACHABLE, DatabaseFault.of(wrapped(
                new SQLException("terminating connection due to administrator command", "57P01"))));
        // Hikari's timeout while the database refuses connections carries the driver's failure.
        PSQLException refused = new PSQLException("refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT);
        assertEquals(DatabaseFault.UNREACHABLE, DatabaseFault.of(new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection", new SQLTransientConnectionException("timed out",
                refused.getSQLState(), refused))));
        assertEquals(DatabaseFault.UNREACHABLE, DatabaseFault.of(new DatabaseBreaker.Skipped()));
    }

    @Test
    void aPoolTimeoutWithNothingBehindItIsBusy() {
        assertEquals(DatabaseFault.BUSY, DatabaseFault.of(new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection", new SQLTransientConnectionException("timed out"))));
        // PostgreSQL's own connection limit.
        assertEquals(DatabaseFault.BUSY, DatabaseFault.of(wrapped(new SQLException("sorry, too many clients already",
                "53300"))));
        assertFalse(DatabaseFault.lockTimedOut(wrapped(new SQLException("too many clients", "53300"))));
    }

    @Test
    void aRowLockWaitThatRanOutIsBusy() {
        SQLException lockTimeout = new SQLException("canceling statement due to lock timeout", "55P03");
        assertEquals(DatabaseFault.BUSY, DatabaseFault.of(wrapped(lockTimeout)));
        assertTrue(DatabaseFault.lockTimedOut(wrapped(lockTimeout)));
        // H2's (the local server's embedded database).
        assertEquals(DatabaseFault.BUSY, DatabaseFault.of(wrapped(new SQLException("Timeout trying to lock table",
                "HYT00", 50200))));
    }

    @Test
    void errorsPostgresAnswersWithAreQueryErrors() {
        assertEquals(DatabaseFault.QUERY, DatabaseFault.of(wrapped(new SQLException("column \"v\" does not exist",
                "42703"))));
        assertEquals(DatabaseFault.QUERY, DatabaseFault.of(wrapped(new SQLException("permission denied for table candles",
                "42501"))));
        assertEquals(DatabaseFault.QUERY, DatabaseFault.of(wrapped(new SQLException("numeric field overflow",
                "22003"))));
    }

    @Test
    void aSocketFailureOutsideTheDatabaseIsNotOne() {
        assertEquals(DatabaseFault.NONE, DatabaseFault.of(new IllegalStateException("redis",
                new ConnectException("refused"))));
        assertEquals(DatabaseFault.NONE, DatabaseFault.of(new IllegalArgumentException("bad")));
    }

    private static DataAccessException wrapped(SQLException cause) {
        return new DataAccessException("Error executing SQL query", cause);
    }
}
