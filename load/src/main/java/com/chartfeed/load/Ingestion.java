package com.chartfeed.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The production ingestion path, for the live feed: the ingestion service writes new candles to
 * PostgreSQL itself, then publishes {@code CandlesIngested}, which SNS delivers to the
 * candle-invalidation function. Here the write is plain JDBC (the service is not part of this
 * project) and the notification an SNS event sent to the real handler through a local server's
 * Lambda Invoke API, so the invalidation, and refresh-ahead after it, run exactly as in AWS: in
 * a container of their own that serves no reads.
 */
final class Ingestion implements AutoCloseable {
    static final String UPSERT = """
            INSERT INTO candles (symbol_id, "interval", ts, o, h, l, c, v)
            SELECT id, ?, ?, ?, ?, ?, ?, ? FROM symbols WHERE symbol = ?
            ON CONFLICT (symbol_id, "interval", ts) DO UPDATE
            SET o = EXCLUDED.o, h = EXCLUDED.h, l = EXCLUDED.l, c = EXCLUDED.c, v = EXCLUDED.v""";
    static final String FUNCTION = "candle-invalidation";

    private final ServerOptions options;
    private final ChartApi invalidation;
    /** One connection per feed thread that ingested, reused; closed with this. */
    private final BlockingQueue<Connection> idle = new LinkedBlockingQueue<>();

    Ingestion(ServerOptions options, ChartApi invalidation) {
        this.options = options;
        this.invalidation = invalidation;
    }

    static Connection connect(ServerOptions options) {
        try {
            return DriverManager.getConnection(options.postgresUrl, options.postgresUser, options.postgresPassword);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + options.postgresUrl, e);
        }
    }

    /**
     * Deletes the candles an earlier run's feed added after {@link Candles#LAST_OPEN} to these
     * symbols, so that back-to-back runs start from the same history.
     */
    static void removeFedCandles(ServerOptions options, List<String> symbols) {
        try (Connection c = connect(options); PreparedStatement delete = c.prepareStatement(
                "DELETE FROM candles WHERE ts > ? AND symbol_id IN (SELECT id FROM symbols WHERE symbol = ANY (?))")) {
            delete.setLong(1, Candles.LAST_OPEN);
            delete.setArray(2, c.createArrayOf("varchar", symbols.toArray()));
            int deleted = delete.executeUpdate();
            if (deleted > 0) {
                System.out.printf("removed %d candles an earlier run's feed added%n", deleted);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot remove earlier fed candles", e);
        }
    }

    /** Writes one candle, then publishes its event; the answer is the function's, timed from the write. */
    Answer ingest(String symbol, String interval, Candles candle) {
        long start = System.nanoTime();
        Connection connection = idle.poll();
        if (connection == null) {
            connection = connect(options);
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            upsert.setString(1, interval);
            upsert.setLong(2, candle.openTime());
            upsert.setDouble(3, candle.open());
            upsert.setDouble(4, candle.high());
            upsert.setDouble(5, candle.low());
            upsert.setDouble(6, candle.lastClose());
            upsert.setDouble(7, candle.volume());
            upsert.setString(8, symbol);
            if (upsert.executeUpdate() != 1) {
                return Answer.failed("unknown-symbol", System.nanoTime() - start);
            }
        } catch (SQLException e) {
            return Answer.failed("sql-" + e.getSQLState(), System.nanoTime() - start);
        } finally {
            idle.add(connection);
        }
        Answer answer = invalidation.invokeFunction(FUNCTION, snsEvent(symbol, interval, candle.openTime()));
        return new Answer(answer.status(), answer.xCache(), null, System.nanoTime() - start, answer.body(),
                answer.failure());
    }

    /** An SNS notification of {@code CandlesIngested}, as the topic's Lambda subscription delivers it. */
    static byte[] snsEvent(String symbol, String interval, long openTime) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("symbol", symbol);
        message.put("interval", interval);
        message.put("from", openTime);
        message.put("to", openTime);
        try {
            Map<String, Object> sns = new LinkedHashMap<>();
            sns.put("Type", "Notification");
            sns.put("MessageId", UUID.randomUUID().toString());
            sns.put("TopicArn", "arn:aws:sns:us-east-1:123456789012:candles-ingested");
            sns.put("Subject", "CandlesIngested");
            sns.put("Message", ChartApi.JSON.writeValueAsString(message));
            sns.put("Timestamp", Instant.now().toString());
            sns.put("MessageAttributes", Map.of());
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("EventSource", "aws:sns");
            record.put("EventVersion", "1.0");
            record.put("EventSubscriptionArn", "arn:aws:sns:us-east-1:123456789012:candles-ingested:local");
            record.put("Sns", sns);
            return ChartApi.JSON.writeValueAsBytes(Map.of("Records", List.of(record)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The invalidation function container's counters: {@code loads.databaseReads}, {@code loads.refreshedAhead}... */
    JsonNode functionLoads() {
        return invalidation.functionStats(FUNCTION).path("container").path("loads");
    }

    @Override
    public void close() {
        for (Connection connection : idle) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing the others anyway.
            }
        }
    }
}
