package com.chartfeed.candles;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The symbols that have candles, with the intervals each has, for a chart's symbol picker
 * ({@code GET /v1/symbols}). Whether a symbol has an interval is one probe of the candles' primary
 * key — nine per symbol listed — never a read of its candles, so a listing costs the same however
 * long the histories are.
 */
@Singleton
public class SymbolCatalog {
    /** The most symbols one listing returns. */
    public static final int MAX_LIMIT = 1_000;
    public static final int DEFAULT_LIMIT = 100;

    // '!' escapes LIKE's wildcards: '_' is a legal symbol character. Each min() is answered by the
    // first entry of the primary key (symbol_id, interval, ts) at that prefix: PostgreSQL plans a
    // correlated EXISTS or LIMIT 1 as a scan of all candles, but never a min() that an index answers.
    static final String LIST = """
            SELECT s.symbol, %s FROM
              (SELECT id, symbol FROM symbols
               WHERE symbol LIKE ? ESCAPE '!'
                 AND (SELECT min(c."interval") FROM candles c WHERE c.symbol_id = symbols.id) IS NOT NULL
               ORDER BY symbol LIMIT ?) s
            ORDER BY s.symbol""".formatted(intervalColumns());

    private final JdbcOperations jdbc;

    public SymbolCatalog(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** A symbol and the intervals it has candles in, shortest first. */
    @Serdeable
    public record Listing(String symbol, List<String> intervals) {
    }

    /**
     * Symbols starting with {@code canonicalPrefix} (already upper case and validated; empty for
     * all), sorted, at most {@code limit}.
     */
    @ReadOnly
    public List<Listing> list(String canonicalPrefix, int limit) {
        return jdbc.prepareStatement(LIST, statement -> {
            statement.setString(1, likePrefix(canonicalPrefix));
            statement.setInt(2, limit);
            List<Listing> listings = new ArrayList<>();
            Interval[] intervals = Interval.values();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    List<String> present = new ArrayList<>(intervals.length);
                    for (int i = 0; i < intervals.length; i++) {
                        rows.getLong(2 + i);
                        if (!rows.wasNull()) {
                            present.add(intervals[i].code());
                        }
                    }
                    listings.add(new Listing(rows.getString(1), List.copyOf(present)));
                }
            }
            return List.copyOf(listings);
        });
    }

    static String likePrefix(String prefix) {
        StringBuilder like = new StringBuilder(prefix.length() + 1);
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c == '_' || c == '%' || c == '!') {
                like.append('!');
            }
            like.append(c);
        }
        return like.append('%').toString();
    }

    private static String intervalColumns() {
        StringBuilder columns = new StringBuilder();
        for (Interval interval : Interval.values()) {
            if (!columns.isEmpty()) {
                columns.append(",\n  ");
            }
            columns.append("(SELECT min(c.ts) FROM candles c WHERE c.symbol_id = s.id AND c.\"interval\" = '")
                    .append(interval.code()).append("')");
        }
        return columns.toString();
    }
}
