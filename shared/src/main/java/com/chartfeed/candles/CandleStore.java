package com.chartfeed.candles;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Reads and writes the {@code candles} table. Every read is one range scan of the primary key
 * {@code (symbol_id, interval, ts)} straight into primitive columns; writes are batched upserts,
 * each row stamped with the version of its (symbol, interval) that wrote it, so that
 * {@link #changedSince} reads what changed after a version with one scan of an index (on
 * PostgreSQL, {@code candles_changed}: {@code (symbol_id, interval, version)} of stamped rows).
 */
@Singleton
public class CandleStore {
    static final String SELECT_RANGE = """
            SELECT ts, o, h, l, c, v FROM candles
            WHERE symbol_id = ? AND "interval" = ? AND ts >= ? AND ts <= ?
            ORDER BY ts""";
    // "version > 0" adds nothing (no version asked for is negative) but lets PostgreSQL prove that
    // its partial index candles_changed (WHERE version > 0) holds every row asked for.
    static final String SELECT_CHANGED = """
            SELECT ts, o, h, l, c, v FROM candles
            WHERE symbol_id = ? AND "interval" = ? AND version > ? AND version > 0
            ORDER BY ts""";
    private static final String UPSERT_POSTGRES = """
            INSERT INTO candles (symbol_id, "interval", ts, o, h, l, c, v, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (symbol_id, "interval", ts) DO UPDATE
            SET o = EXCLUDED.o, h = EXCLUDED.h, l = EXCLUDED.l, c = EXCLUDED.c, v = EXCLUDED.v,
                version = EXCLUDED.version""";
    // H2 (the embedded default) has no ON CONFLICT ... DO UPDATE; MERGE ... KEY is its upsert.
    private static final String UPSERT_H2 = """
            MERGE INTO candles (symbol_id, "interval", ts, o, h, l, c, v, version) KEY (symbol_id, "interval", ts)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final int BATCH_SIZE = 1_000;

    private final JdbcOperations jdbc;

    public CandleStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** All stored candles of a symbol and interval. */
    @ReadOnly
    public CandleColumns readAll(long symbolId, Interval interval) {
        return read(symbolId, interval, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Candles with {@code from <= t <= to}. */
    @ReadOnly
    public CandleColumns read(long symbolId, Interval interval, long from, long to) {
        return jdbc.prepareStatement(SELECT_RANGE, statement -> {
            statement.setLong(1, symbolId);
            statement.setString(2, interval.code());
            statement.setLong(3, from);
            statement.setLong(4, to);
            statement.setFetchSize(5_000);
            try (ResultSet rows = statement.executeQuery()) {
                return toColumns(rows);
            }
        });
    }

    /**
     * The candles written after {@code version} of their (symbol, interval), by ascending time:
     * each row as it is now. Complete only when no unrecorded change came since
     * ({@link CandleVersions.ScopeVersion#rowsTellChangesSince}, read first); candles are never
     * deleted, so nothing else can have changed.
     */
    @ReadOnly
    public CandleColumns changedSince(long symbolId, Interval interval, long version) {
        return jdbc.prepareStatement(SELECT_CHANGED, statement -> {
            statement.setLong(1, symbolId);
            statement.setString(2, interval.code());
            statement.setLong(3, version);
            try (ResultSet rows = statement.executeQuery()) {
                return toColumns(rows);
            }
        });
    }

    /** A trivial query, for health checks; throws when the database can't be reached. */
    @ReadOnly
    public boolean ping() {
        return jdbc.prepareStatement("SELECT 1", statement -> statement.executeQuery().next());
    }

    /**
     * Inserts or replaces candles (idempotent), stamped with {@code version}: the version of their
     * (symbol, interval) taken in the same transaction, before this call
     * ({@link CandleVersions#bump}); 0 for rows that record no version, as the ingestion side
     * writes them. Returns how many rows were written.
     */
    @Transactional
    public int upsert(long symbolId, Interval interval, CandleColumns candles, long version) {
        Connection connection = jdbc.getConnection();
        String sql = CandleVersions.isH2(connection) ? UPSERT_H2 : UPSERT_POSTGRES;
        return jdbc.prepareStatement(sql, statement -> {
            for (int i = 0; i < candles.size(); i++) {
                bind(statement, symbolId, interval, candles, i);
                statement.setLong(9, version);
                statement.addBatch();
                if ((i + 1) % BATCH_SIZE == 0) {
                    statement.executeBatch();
                }
            }
            statement.executeBatch();
            return candles.size();
        });
    }

    private static void bind(PreparedStatement statement, long symbolId, Interval interval, CandleColumns candles,
                             int i) throws SQLException {
        statement.setLong(1, symbolId);
        statement.setString(2, interval.code());
        statement.setLong(3, candles.t()[i]);
        statement.setDouble(4, candles.o()[i]);
        statement.setDouble(5, candles.h()[i]);
        statement.setDouble(6, candles.l()[i]);
        statement.setDouble(7, candles.c()[i]);
        statement.setDouble(8, candles.v()[i]);
    }


    private static CandleColumns toColumns(ResultSet rows) throws SQLException {
        int capacity = 1_024;
        long[] t = new long[capacity];
        double[] o = new double[capacity];
        double[] h = new double[capacity];
        double[] l = new double[capacity];
        double[] c = new double[capacity];
        double[] v = new double[capacity];
        int n = 0;
        while (rows.next()) {
            if (n == capacity) {
                capacity *= 2;
                t = Arrays.copyOf(t, capacity);
                o = Arrays.copyOf(o, capacity);
                h = Arrays.copyOf(h, capacity);
                l = Arrays.copyOf(l, capacity);
                c = Arrays.copyOf(c, capacity);
                v = Arrays.copyOf(v, capacity);
            }
            t[n] = rows.getLong(1);
            o[n] = rows.getDouble(2);
            h[n] = rows.getDouble(3);
            l[n] = rows.getDouble(4);
            c[n] = rows.getDouble(5);
            v[n] = rows.getDouble(6);
            n++;
        }
        return new CandleColumns(Arrays.copyOf(t, n), Arrays.copyOf(o, n), Arrays.copyOf(h, n),
                Arrays.copyOf(l, n), Arrays.copyOf(c, n), Arrays.copyOf(v, n));
    }
}
