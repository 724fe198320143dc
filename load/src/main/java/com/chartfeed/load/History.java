package com.chartfeed.load;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a fault-schedule run saw, one JSON object a line, for {@link HistoryChecker} to judge
 * offline: every write with its acknowledgement, every read with what it returned, the versions
 * PostgreSQL held, and every fault. Times are microseconds since the run started, on the
 * checker's monotonic clock ({@code System.nanoTime}), taken by the client: a read's start before
 * its request was sent, a write's end after its answer arrived, so that measurement error only
 * ever makes the checks more lenient.
 */
public final class History implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter WRITER = JSON.writerFor(Event.class);

    /** One line of the history. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Write.class, name = "write"),
            @JsonSubTypes.Type(value = Read.class, name = "read"),
            @JsonSubTypes.Type(value = Version.class, name = "version"),
            @JsonSubTypes.Type(value = Fault.class, name = "fault"),
            @JsonSubTypes.Type(value = Hiccup.class, name = "hiccup"),
            @JsonSubTypes.Type(value = Run.class, name = "run")})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public sealed interface Event permits Run, Write, Read, Version, Fault, Hiccup {
    }

    /**
     * The run: its seed, and the wall-clock time of the history's zero, to line the history up with the
     * servers' logs ({@code servers}: name, URL and pid of each).
     */
    public record Run(long seed, String startedAt, List<String> servers) implements Event {
    }

    /**
     * A candle written: by {@code PUT /v1/candles} ({@code put}), or to PostgreSQL directly followed
     * by a {@code CandlesIngested} event ({@code ingest}). Each write is a candle at a time of its
     * own, so a read shows whether it holds it. {@code acked}: the PUT answered 200, or the event
     * was processed without error (after retries, as Lambda retries it); {@code end} is then the
     * acknowledgement's arrival. {@code fleetWide} is the PUT's {@code invalidatedFleetWide}.
     */
    public record Write(long id, String kind, String server, String symbol, String interval, long ts, double close,
                        long start, long end, int status, String failure, boolean acked, Boolean fleetWide,
                        Integer attempts) implements Event {
    }

    /**
     * A read: {@code candles} or {@code indicator} (one GET) or {@code batch} (one POST); its
     * status, {@code X-Cache} and the {@code l2} duration of {@code Server-Timing} (ms) where the
     * route sends them, and per item what came back.
     */
    public record Read(long id, String kind, String server, long start, long end, int status, String failure,
                       String xCache, Double l2Millis, List<Item> items) implements Event {
    }

    /**
     * One (symbol, interval) of a read, asked from {@code from} on: its status (a batch item's own),
     * whether it may be stale ({@code X-Cache: STALE}; in a batch, whose items carry no
     * {@code X-Cache}, any item while {@code meta.stale} is above 0), and the candle times
     * returned ({@code close} too for candle reads).
     */
    public record Item(String symbol, String interval, long from, int status, boolean stale, long[] ts,
                       double[] close) {
    }

    /** The version of a (symbol, interval) as a poll of PostgreSQL's {@code candle_versions} saw it at {@code at}. */
    public record Version(String symbol, String interval, long version, long at) implements Event {
    }

    /** A fault the nemesis injected (or an action such as a snapshot), from {@code start} until repaired at {@code end}. */
    public record Fault(String kind, String target, long start, long end, String note) implements Event {
    }

    /**
     * The checker's own process stalled: a short sleep from {@code at} overslept by {@code millis}
     * (jHiccup's measure). The servers share its CPUs, so a stall here is the machine's, and a
     * request's time on Redis that overlaps it may include it.
     */
    public record Hiccup(long at, double millis) implements Event {
    }

    private final BufferedWriter out;
    private final List<Event> events = new ArrayList<>();

    private History(BufferedWriter out) {
        this.out = out;
    }

    /** A history written to {@code file} as it goes (and kept in memory for the check). */
    public static History to(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            return new History(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public synchronized void add(Event event) {
        events.add(event);
        try {
            out.write(WRITER.writeValueAsString(event));
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    public static List<Event> read(Path file) {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(line -> !line.isBlank()).map(History::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Event parse(String line) {
        try {
            return JSON.readValue(line, Event.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a history line: " + line, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
