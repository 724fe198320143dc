package com.chartfeed.load;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Rows of the {@code candles} table PostgreSQL read, from its cumulative statistics
 * ({@code pg_stat_user_tables}, the database of {@code --postgres-url} only, so other databases on the
 * server do not count): {@code idx_tup_fetch} (rows fetched from the table by index scans, and by
 * the index probe of an upsert's conflict check) plus {@code seq_tup_read} (rows read by sequential
 * scans). Every read of the service is one range scan of the primary key whose conditions are all
 * index conditions, so each row fetched is a row returned to the service.
 *
 * <p>{@code pg_stat_statements} would count rows per statement, but it needs
 * {@code shared_preload_libraries}, a server restart, which a driver must not do to a shared server.
 *
 * <p>Since PostgreSQL 15 a backend publishes its counts at the end of a transaction at most once a
 * second ({@code PGSTAT_MIN_INTERVAL}); counts of a backend that then goes idle wait up to 10 s
 * ({@code PGSTAT_IDLE_INTERVAL}). {@code pg_stat_force_next_flush()} only works for the calling
 * backend, not the service's pooled connections. So a reading waits {@code settle} after the work
 * it should see: a little over a second catches most, 11 s all. Rows a backend publishes late are
 * not lost: they show in the next reading, so consecutive deltas always sum to the total.
 */
final class CandleRows implements AutoCloseable {
    private static final String QUERY = """
            SELECT coalesce(idx_tup_fetch, 0) + coalesce(seq_tup_read, 0), n_tup_ins, n_tup_upd
            FROM pg_stat_user_tables WHERE relname = 'candles'""";

    private final Connection connection;

    /** Cumulative counts at one moment. */
    record Counts(long read, long inserted, long updated) {
        Counts minus(Counts earlier) {
            return new Counts(read - earlier.read, inserted - earlier.inserted, updated - earlier.updated);
        }
    }

    CandleRows(ServerOptions options) {
        connection = Ingestion.connect(options);
        try (Statement s = connection.createStatement()) {
            // Each reading sees the counts as they are now, not a snapshot kept for the transaction.
            s.execute("SET stats_fetch_consistency = none");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_user_tables", e);
        }
    }

    /** The counts after waiting {@code settle} for the service's backends to publish theirs. */
    Counts read(Duration settle) {
        Pause.millis(settle.toMillis());
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery(QUERY)) {
            if (!rows.next()) {
                throw new IllegalStateException("no candles table in " + connection.getMetaData().getURL());
            }
            return new Counts(rows.getLong(1), rows.getLong(2), rows.getLong(3));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_user_tables", e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Nothing left to read.
        }
    }
}
