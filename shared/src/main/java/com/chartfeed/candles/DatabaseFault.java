package com.chartfeed.candles;

import io.micronaut.data.connection.exceptions.ConnectionException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * What a failed database call says about the database, read from the exception types and
 * SQLStates in its cause chain (never from message text). Only {@link #UNREACHABLE} is an outage:
 * it opens the breaker and lets the cache answer {@code STALE}. The others fail one request.
 */
public enum DatabaseFault {
    /** Not a database failure at all. */
    NONE,
    /**
     * PostgreSQL could not be reached or the connection died: connection refused or reset, a
     * connect or socket timeout (SQLState class {@code 08}, or the socket exception itself), a
     * server shutting down ({@code 57P01..57P03}), or a connection that could not even have its
     * read-only or auto-commit flag set (Micronaut's {@link ConnectionException}: when a query
     * breaks the connection, resetting the flags on Hikari's closed proxy fails with a plain
     * "Connection is closed" that replaces the driver's {@code 08006}).
     */
    UNREACHABLE,
    /**
     * No connection free in time: the pool's wait ran out with every connection in use (Hikari's
     * {@link SQLTransientConnectionException} without a connection failure behind it), or
     * PostgreSQL's own connection limit ({@code 53300}); or a write waited for another writer of
     * its (symbol, interval) longer than {@code lock_timeout} ({@code 55P03}; H2's {@code HYT00};
     * see {@link CandleVersions}). Back-pressure: retry shortly.
     */
    BUSY,
    /** PostgreSQL answered with an error: a bad query, a missing grant, a data error. A bug, logged. */
    QUERY;

    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");
    private static final String TOO_MANY_CONNECTIONS = "53300";
    /** PostgreSQL's lock_timeout ran out, and H2's lock timeout (the local server's embedded database). */
    private static final Set<String> LOCK_NOT_AVAILABLE = Set.of("55P03", "HYT00");

    public static DatabaseFault of(Throwable failure) {
        boolean poolTimedOut = false;
        boolean sql = false;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof DatabaseBreaker.Unreachable || t instanceof ConnectionException) {
                return UNREACHABLE;
            }
            if (sql && (t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                    || t instanceof SocketException)) {
                return UNREACHABLE; // the driver's, under an SQL exception (not, say, Redis's)
            }
            if (t instanceof SQLException e) {
                sql = true;
                String state = e.getSQLState();
                if (state != null && (state.startsWith("08") || SERVER_GOING_AWAY.contains(state))) {
                    return UNREACHABLE;
                }
                if (TOO_MANY_CONNECTIONS.equals(state) || state != null && LOCK_NOT_AVAILABLE.contains(state)) {
                    return BUSY;
                }
                poolTimedOut |= t instanceof SQLTransientConnectionException;
            }
        }
        return poolTimedOut ? BUSY : sql ? QUERY : NONE;
    }

    /** Whether {@code failure} is a wait for a row lock that ran out ({@code lock_timeout}): the database answered. */
    public static boolean lockTimedOut(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof SQLException e && e.getSQLState() != null && LOCK_NOT_AVAILABLE.contains(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
