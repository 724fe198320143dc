package com.chartfeed.load;

import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Long histories for the per-tick and live-market runs, loaded fast: a million candles through
 * {@code PUT /v1/candles} would take minutes, so the rows go straight into PostgreSQL with COPY,
 * and one {@code PUT} of the series' last candle before and after makes the service know them (it
 * registers the symbol, then bumps the version and invalidates whatever was cached). A rerun finds
 * the rows in place and only removes what an earlier run's ticks added or changed.
 */
final class LongHistories {
    /** Rows per COPY statement: about 6 MB of text. */
    private static final int COPY_ROWS = 100_000;

    private LongHistories() {
    }

    /**
     * Makes the stored candles of {@code series} exactly its random walk: ticks of an earlier run
     * (candles after {@link Candles#LAST_OPEN}) removed, the rows copied in if any are missing,
     * and the last candle put back through the API, so that every cache starts from the stored rows.
     */
    static void ensure(ServerOptions options, ChartApi api, Dataset.Series series) {
        Candles candles = series.candles();
        Candles last = candles.last(1);
        put(api, series, last);
        try (Connection c = Ingestion.connect(options)) {
            long symbolId = symbolId(c, series.symbol());
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM candles WHERE symbol_id = ? AND \"interval\" = ? AND ts > ?")) {
                delete.setLong(1, symbolId);
                delete.setString(2, series.interval());
                delete.setLong(3, Candles.LAST_OPEN);
                delete.executeUpdate();
            }
            if (stored(c, symbolId, series.interval(), candles.size()) != candles.size()) {
                long start = System.nanoTime();
                copy(c, symbolId, series.interval(), candles);
                System.out.printf("copied %,d candles of %s/%s into PostgreSQL in %.1f s%n", candles.size(),
                        series.symbol(), series.interval(), (System.nanoTime() - start) / 1e9);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot load the history of " + series.symbol(), e);
        }
        put(api, series, last);
    }

    /** Refreshes the planner's statistics after large loads, so that reads are planned as in production. */
    static void analyze(ServerOptions options) {
        try (Connection c = Ingestion.connect(options); Statement s = c.createStatement()) {
            s.execute("ANALYZE candles");
        } catch (SQLException e) {
            throw new IllegalStateException("ANALYZE candles failed", e);
        }
    }

    private static void put(ChartApi api, Dataset.Series series, Candles candle) {
        Answer answer = api.putCandles(series.symbol(), series.interval(), candle);
        if (answer.status() != 200) {
            throw new IllegalStateException("PUT /v1/candles/" + series.symbol() + "/" + series.interval()
                    + " answered " + answer.statusKey() + ": " + ChartApi.text(answer));
        }
    }

    private static long symbolId(Connection c, String symbol) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM symbols WHERE symbol = ?")) {
            s.setString(1, symbol);
            try (ResultSet rows = s.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException(symbol + " is not registered after its PUT");
                }
                return rows.getLong(1);
            }
        }
    }

    /** How many of the series' rows are stored with their first open time in place (a cheap check, not a diff). */
    private static long stored(Connection c, long symbolId, String interval, int count) throws SQLException {
        long first = Candles.LAST_OPEN - (count - 1L) * Dataset.seconds(interval);
        try (PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM candles WHERE symbol_id = ? AND \"interval\" = ? AND ts >= ?")) {
            s.setLong(1, symbolId);
            s.setString(2, interval);
            s.setLong(3, first);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                long inRange = rows.getLong(1);
                try (PreparedStatement all = c.prepareStatement(
                        "SELECT count(*) FROM candles WHERE symbol_id = ? AND \"interval\" = ?")) {
                    all.setLong(1, symbolId);
                    all.setString(2, interval);
                    try (ResultSet total = all.executeQuery()) {
                        total.next();
                        return inRange == total.getLong(1) ? inRange : -1;
                    }
                }
            }
        }
    }

    private static void copy(Connection c, long symbolId, String interval, Candles candles)
            throws SQLException, IOException {
        c.setAutoCommit(false);
        try {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM candles WHERE symbol_id = ? AND \"interval\" = ?")) {
                delete.setLong(1, symbolId);
                delete.setString(2, interval);
                delete.executeUpdate();
            }
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (int from = 0; from < candles.size(); from += COPY_ROWS) {
                StringBuilder rows = new StringBuilder(COPY_ROWS * 64);
                candles.appendCopyRows(rows, symbolId, interval, from, Math.min(candles.size(), from + COPY_ROWS));
                copy.copyIn("COPY candles (symbol_id, \"interval\", ts, o, h, l, c, v) FROM STDIN",
                        new StringReader(rows.toString()));
            }
            c.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
