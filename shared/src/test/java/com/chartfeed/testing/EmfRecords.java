package com.chartfeed.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The CloudWatch EMF records a piece of code printed to stdout, where Lambda's log takes them
 * from, parsed as CloudWatch would: JSON objects with an {@code _aws} member.
 */
public final class EmfRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmfRecords() {
    }

    /** What {@code action} returned, and the EMF records it printed meanwhile. */
    public static <T> Captured<T> capture(Supplier<T> action) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        T result;
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            result = action.get();
        } finally {
            System.setOut(stdout);
        }
        List<Map<String, Object>> records = new ArrayList<>();
        for (String line : buffer.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{") && line.contains("\"_aws\"")) {
                try {
                    records.add(JSON.readValue(line, new TypeReference<Map<String, Object>>() { }));
                } catch (IOException e) {
                    throw new UncheckedIOException("not JSON: " + line, e);
                }
            }
        }
        return new Captured<>(result, records, buffer.toString(StandardCharsets.UTF_8));
    }

    /** What ran, its EMF records, and all it printed. */
    public record Captured<T>(T result, List<Map<String, Object>> records, String stdout) {
        /** The one record printed; fails if there were none or several. */
        public Map<String, Object> only() {
            if (records.size() != 1) {
                throw new AssertionError("expected one EMF record, got " + records.size() + ": " + stdout);
            }
            return records.get(0);
        }
    }

    /** The {@code _aws.CloudWatchMetrics[0]} directive of a record: Namespace, Dimensions, Metrics. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> directive(Map<String, Object> record) {
        Map<String, Object> aws = (Map<String, Object>) record.get("_aws");
        return ((List<Map<String, Object>>) aws.get("CloudWatchMetrics")).get(0);
    }

    /** The metric {@code name}'s value in a record (EMF puts values top level, beside the dimensions). */
    public static double value(Map<String, Object> record, String name) {
        Object value = record.get(name);
        if (!(value instanceof Number number)) {
            throw new AssertionError("no metric " + name + " in " + record);
        }
        return number.doubleValue();
    }

    /** The unit declared for metric {@code name}. */
    @SuppressWarnings("unchecked")
    public static String unit(Map<String, Object> record, String name) {
        for (Map<String, Object> metric : (List<Map<String, Object>>) directive(record).get("Metrics")) {
            if (name.equals(metric.get("Name"))) {
                return (String) metric.get("Unit");
            }
        }
        throw new AssertionError("metric " + name + " not declared in " + record);
    }
}
