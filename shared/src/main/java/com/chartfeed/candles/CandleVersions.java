package com.chartfeed.candles;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The version of each (symbol, interval) in PostgreSQL: the authority on which cached values are
 * current. A write of candles bumps it in the same transaction, from one sequence, so a version
 * number is never reused, whatever Redis forgets or rolls back. A (symbol, interval) never bumped
 * is at version 0. Bumps that Redis has not been told of yet are also kept as unpublished, for any
 * container to publish once Redis answers again.
 *
 * <p>A bump takes the scope's row lock before its number, and holds it to the commit: a second
 * writer of the scope takes its number only after the first committed, so per scope the commit
 * order is the version order and the version in PostgreSQL never goes back. (Taken before the
 * lock, a number could commit after a larger one: readers would learn the larger one, cache
 * candles without the smaller one's, and keep them as current.) Scopes are locked in a fixed
 * order, so bumps of several never wait for each other in a cycle, and the wait is bounded by
 * {@code candles.database.lock-timeout}: past it the write fails as busy ({@code 55P03},
 * {@link DatabaseFault#BUSY}), not as a database that cannot be reached.
 *
 * <p>Each bump also says whether candle rows record the change ({@link Change}), so that a reader
 * holding a version can tell whether the rows stamped since ({@link CandleStore#changedSince}) are
 * all that changed ({@link ScopeVersion#rowsTellChangesSince}).
 */
@Singleton
public class CandleVersions {
    // PostgreSQL: the owner's function (migration V4), the only way a read-only login may bump.
    private static final String BUMP_POSTGRES = """
            SELECT bumped_interval, bumped_version FROM candle_versions_bump(?, ?, ?, ?)""";
    // H2 (the embedded default: no PL/pgSQL, no logins): the function's steps as plain SQL.
    private static final String ENSURE_H2 = """
            INSERT INTO candle_versions (symbol, "interval", version) VALUES (?, ?, 0) ON CONFLICT DO NOTHING""";
    private static final String LOCK_H2 = """
            SELECT version FROM candle_versions WHERE symbol = ? AND "interval" = ? FOR UPDATE""";
    private static final String NEXT_H2 = "SELECT nextval('candle_version_seq')";
    private static final String SET_H2 = """
            UPDATE candle_versions SET version = ?, full_read_version = CASE WHEN ? THEN full_read_version ELSE ? END
            WHERE symbol = ? AND "interval" = ?""";
    // MERGE ... KEY is H2's upsert.
    private static final String UNPUBLISHED_H2 = """
            MERGE INTO unpublished_versions (symbol, "interval", version) KEY (symbol, "interval") VALUES (?, ?, ?)""";

    private final JdbcOperations jdbc;
    private final DatabaseSettings settings;

    public CandleVersions(JdbcOperations jdbc, DatabaseSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** A version that Redis may not know of. */
    public record Unpublished(String symbol, Interval interval, long version) {
    }

    /** What a bump stands for, to a reader that holds an older version. */
    public enum Change {
        /**
         * The caller writes its candles in the same transaction, each row stamped with the new
         * version: the rows tell what changed.
         */
        STAMPED_ROWS,
        /**
         * Candles changed in a way no row records: the ingestion side wrote them (before its event,
         * without versions), or an operator asks the cache to forget. A reader holding an older
         * version must read the whole history.
         */
        UNRECORDED
    }

    /**
     * The version of one (symbol, interval), and the last one no candle row records (0 and 0 when
     * never bumped).
     */
    public record ScopeVersion(long version, long fullReadVersion) {
        /**
         * Whether the rows stamped after {@code since} ({@link CandleStore#changedSince}) are all
         * that changed since a reader read the history at version {@code since}; if not, it must
         * read the whole history again. Read this before the rows: a change committed in between
         * is then only read twice.
         */
        public boolean rowsTellChangesSince(long since) {
            return fullReadVersion <= since;
        }
    }

    /** The current version of each of {@code intervals} of {@code symbol} (0 where never bumped). */
    @ReadOnly
    public Map<Interval, Long> read(String symbol, Collection<Interval> intervals) {
        return jdbc.prepareStatement("SELECT \"interval\", version FROM candle_versions WHERE symbol = ?", statement -> {
            statement.setString(1, symbol);
            Map<Interval, Long> versions = new EnumMap<>(Interval.class);
            intervals.forEach(interval -> versions.put(interval, 0L));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long version = rows.getLong(2);
                    Interval.fromCode(rows.getString(1)).filter(versions::containsKey)
                            .ifPresent(interval -> versions.put(interval, version));
                }
            }
            return versions;
        });
    }

    /** The version of one (symbol, interval), with the last one no candle row records. */
    @ReadOnly
    public ScopeVersion scope(String symbol, Interval interval) {
        return jdbc.prepareStatement("SELECT version, full_read_version FROM candle_versions "
                + "WHERE symbol = ? AND \"interval\" = ?", statement -> {
            statement.setString(1, symbol);
            statement.setString(2, interval.code());
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? new ScopeVersion(row.getLong(1), row.getLong(2)) : new ScopeVersion(0, 0);
            }
        });
    }

    /**
     * Gives each of {@code intervals} of {@code symbol} a new version, recorded as unpublished too,
     * under its row lock (see above). Joins the caller's transaction, so candles written in it
     * (after this call) and their new version commit together, and the locks are held to that commit.
     */
    @Transactional
    public Map<Interval, Long> bump(String symbol, Collection<Interval> intervals, Change change) {
        Connection connection = jdbc.getConnection();
        return isH2(connection) ? bumpH2(symbol, intervals, change) : bumpPostgres(connection, symbol, intervals, change);
    }

    private Map<Interval, Long> bumpPostgres(Connection connection, String symbol, Collection<Interval> intervals,
                                             Change change) {
        return jdbc.prepareStatement(BUMP_POSTGRES, statement -> {
            statement.setString(1, symbol);
            statement.setArray(2, connection.createArrayOf("varchar",
                    intervals.stream().map(Interval::code).toArray()));
            statement.setBoolean(3, change == Change.STAMPED_ROWS);
            statement.setInt(4, Math.toIntExact(settings.lockTimeout().toMillis()));
            Map<Interval, Long> versions = new EnumMap<>(Interval.class);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long version = rows.getLong(2);
                    Interval.fromCode(rows.getString(1)).ifPresent(interval -> versions.put(interval, version));
                }
            }
            return versions;
        });
    }

    private Map<Interval, Long> bumpH2(String symbol, Collection<Interval> intervals, Change change) {
        // H2's lock timeout is its session's (the same value on every bump, so a pooled
        // connection keeps the right one); it fails with HYT00, busy too.
        jdbc.prepareStatement("SET LOCK_TIMEOUT " + settings.lockTimeout().toMillis(), statement -> statement.execute());
        Map<Interval, Long> versions = new EnumMap<>(Interval.class);
        // The function's order (by code), so two bumps of several scopes lock them alike.
        List<Interval> ordered = intervals.stream().distinct()
                .sorted(Comparator.comparing(Interval::code)).toList();
        for (Interval interval : ordered) {
            jdbc.prepareStatement(ENSURE_H2, statement -> {
                statement.setString(1, symbol);
                statement.setString(2, interval.code());
                return statement.executeUpdate();
            });
            jdbc.prepareStatement(LOCK_H2, statement -> {
                statement.setString(1, symbol);
                statement.setString(2, interval.code());
                statement.executeQuery().close();
                return null;
            });
            long version = jdbc.prepareStatement(NEXT_H2, statement -> {
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            });
            jdbc.prepareStatement(SET_H2, statement -> {
                statement.setLong(1, version);
                statement.setBoolean(2, change == Change.STAMPED_ROWS);
                statement.setLong(3, version);
                statement.setString(4, symbol);
                statement.setString(5, interval.code());
                return statement.executeUpdate();
            });
            jdbc.prepareStatement(UNPUBLISHED_H2, statement -> {
                bind(statement, symbol, interval, version);
                return statement.executeUpdate();
            });
            versions.put(interval, version);
        }
        return versions;
    }

    /** Up to {@code limit} versions not known to have reached Redis. */
    @ReadOnly
    public List<Unpublished> unpublished(int limit) {
        return jdbc.prepareStatement("SELECT symbol, \"interval\", version FROM unpublished_versions "
                + "ORDER BY version LIMIT ?", statement -> {
            statement.setInt(1, limit);
            List<Unpublished> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String symbol = rows.getString(1);
                    long version = rows.getLong(3);
                    Interval.fromCode(rows.getString(2))
                            .ifPresent(interval -> found.add(new Unpublished(symbol, interval, version)));
                }
            }
            return found;
        });
    }

    /**
     * Redis took these versions: they are no longer unpublished (unless bumped again since). The
     * one write a read-only login makes itself (a {@code DELETE} grant, see {@link ReaderLogin}).
     */
    @Transactional
    public void published(String symbol, Map<Interval, Long> versions) {
        jdbc.prepareStatement("DELETE FROM unpublished_versions WHERE symbol = ? AND \"interval\" = ? AND version <= ?",
                statement -> {
                    for (Map.Entry<Interval, Long> version : versions.entrySet()) {
                        bind(statement, symbol, version.getKey(), version.getValue());
                        statement.addBatch();
                    }
                    return statement.executeBatch();
                });
    }

    private static void bind(PreparedStatement statement, String symbol, Interval interval, long version)
            throws SQLException {
        statement.setString(1, symbol);
        statement.setString(2, interval.code());
        statement.setLong(3, version);
    }

    static boolean isH2(Connection connection) {
        try {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2");
        } catch (SQLException e) {
            return false;
        }
    }
}
