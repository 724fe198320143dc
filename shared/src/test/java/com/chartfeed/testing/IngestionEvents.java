package com.chartfeed.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Candle-ingestion events for tests, made from the sample events in {@code infra/events/} (the ones
 * {@code sam local invoke -e} takes, in AWS's own layout), so the tested files are the shipped ones.
 * Found by walking up from the working directory, which Maven sets to the module being tested.
 */
public final class IngestionEvents {
    public static final String SNS = "candles-ingested-sns.json";
    public static final String EVENTBRIDGE = "candles-ingested-eventbridge.json";
    public static final String SQS = "candles-ingested-sqs.json";
    /** The symbol the sample events name. */
    public static final String SAMPLE_SYMBOL = "AAPL";

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private IngestionEvents() {
    }

    public static Path eventsDir() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path events = dir.resolve("infra").resolve("events");
            if (Files.isDirectory(events)) {
                return events;
            }
        }
        throw new IllegalStateException("no infra/events above " + Paths.get("").toAbsolutePath());
    }

    /** A sample event file, verbatim. */
    public static String sample(String name) {
        try {
            return Files.readString(eventsDir().resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A sample event with its symbol replaced (inside nested JSON strings too, where the object is a
     * {@code Message} or {@code body}), so each test has its own cache entries.
     */
    public static String sample(String name, String symbol) {
        String text = sample(name);
        if (!text.contains(SAMPLE_SYMBOL)) {
            throw new IllegalStateException(name + " does not name " + SAMPLE_SYMBOL);
        }
        return text.replace(SAMPLE_SYMBOL, symbol);
    }

    /** The SNS sample with {@code message} as its {@code Message}. */
    @SuppressWarnings("unchecked")
    public static String sns(String message) {
        Map<String, Object> event = read(sample(SNS));
        Map<String, Object> record = ((List<Map<String, Object>>) event.get("Records")).get(0);
        ((Map<String, Object>) record.get("Sns")).put("Message", message);
        return write(event);
    }

    /** The EventBridge sample with another source, detail-type and detail (JSON text). */
    public static String eventBridge(String source, String detailType, String detailJson) {
        Map<String, Object> event = read(sample(EVENTBRIDGE));
        event.put("source", source);
        event.put("detail-type", detailType);
        event.put("detail", value(detailJson));
        return write(event);
    }

    /**
     * An SQS batch in the sample's layout with one record per body; record {@code i} has
     * {@code messageId} {@link #messageId(int) messageId(i)}.
     */
    @SuppressWarnings("unchecked")
    public static String sqs(String... bodies) {
        Map<String, Object> event = read(sample(SQS));
        Map<String, Object> template = ((List<Map<String, Object>>) event.get("Records")).get(0);
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            Map<String, Object> record = read(write(template));
            record.put("messageId", messageId(i));
            record.put("body", bodies[i]);
            records.add(record);
        }
        event.put("Records", records);
        return write(event);
    }

    public static String messageId(int index) {
        return "message-" + index;
    }

    /**
     * The SNS notification JSON an SNS-to-SQS subscription puts in a body, from the sample's second
     * record, with {@code message} as its {@code Message}.
     */
    @SuppressWarnings("unchecked")
    public static String snsEnvelope(String message) {
        Map<String, Object> event = read(sample(SQS));
        Map<String, Object> record = ((List<Map<String, Object>>) event.get("Records")).get(1);
        Map<String, Object> envelope = read((String) record.get("body"));
        envelope.put("Message", message);
        return write(envelope);
    }

    /** The published object. */
    public static String object(String symbol, String interval) {
        return "{\"symbol\":\"" + symbol + "\",\"interval\":\"" + interval + "\",\"from\":1700000000,\"to\":1700003600}";
    }

    private static Object value(String json) {
        try {
            return JSON.readValue(json, Argument.OBJECT_ARGUMENT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> read(String json) {
        try {
            return JSON.readValue(json, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
