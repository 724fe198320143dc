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
 */
@Singleton
public class CandleVersions {
    private static final String NEXT = "SELECT nextval('candle_version_seq')";
    private static final String UPSERT_POSTGRES = """
            INSERT INTO %s (symbol, "interval", version) VALUES (?, ?, ?)
            ON CONFLICT (symbol, "interval") DO UPDATE SET version = EXCLUDED.version""";
    // H2 (the embedded default) has no ON CONFLICT ... DO UPDATE; MERGE ... KEY is its upsert.
    private static final String UPSERT_H2 = """
            MERGE INTO %s (symbol, "interval", version) KEY (symbol, "interval") VALUES (?, ?, ?)""";

    private final JdbcOperations jdbc;

    public CandleVersions(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** A version that Redis may not know of. */
    public record Unpublished(String symbol, Interval interval, long version) {
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

    /**
     * Gives each of {@code intervals} of {@code symbol} a new version, recorded as unpublished too.
     * Joins the caller's transaction, so candles written in it and their new version commit together.
     */
    @Transactional
    public Map<Interval, Long> bump(String symbol, Collection<Interval> intervals) {
        Connection connection = jdbc.getConnection();
        Map<Interval, Long> versions = new EnumMap<>(Interval.class);
        for (Interval interval : intervals) {
            versions.put(interval, jdbc.prepareStatement(NEXT, statement -> {
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }));
        }
        boolean h2 = isH2(connection);
        for (String table : List.of("candle_versions", "unpublished_versions")) {
            jdbc.prepareStatement((h2 ? UPSERT_H2 : UPSERT_POSTGRES).formatted(table), statement -> {
                for (Map.Entry<Interval, Long> version : versions.entrySet()) {
                    bind(statement, symbol, version.getKey(), version.getValue());
                    statement.addBatch();
                }
                return statement.executeBatch();
            });
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

    /** Redis took these versions: they are no longer unpublished (unless bumped again since). */
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
