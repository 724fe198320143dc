package com.chartfeed.load;

import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's report: Markdown for the terminal, and the same data (more of it) as JSON for
 * comparisons between runs. Every report names the machine, the exact command and when it ran.
 */
public final class Report {
    private final String program;
    private final Machine machine = Machine.current();
    private final String command;
    private final Instant started = Instant.now();
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final Map<String, Object> sections = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    public Report(String program, String[] args) {
        this.program = program;
        this.command = commandLine(program, args);
    }

    public Report setting(String name, Object value) {
        settings.put(name, value);
        return this;
    }

    /** A section of the JSON (the scenarios, the phases...). */
    public Report section(String name, Object value) {
        sections.put(name, value);
        return this;
    }

    /** A line printed under the heading and kept in the JSON ("batch route not deployed: skipped"). */
    public void note(String note) {
        notes.add(note);
        System.out.println("> " + note);
    }

    /** The heading every program prints before its tables. */
    public String heading() {
        return "## " + program + " — " + started + "\n\n"
                + "- machine: " + machine.describe() + "\n"
                + "- command: `" + command + "`\n"
                + "- settings: " + settings + "\n"
                + (notes.isEmpty() ? "" : "- notes: " + String.join("; ", notes) + "\n");
    }

    public void writeJson(Path out) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("program", program);
        json.put("started", started.toString());
        json.put("finished", Instant.now().toString());
        json.put("machine", machine);
        json.put("command", command);
        json.put("settings", settings);
        json.put("notes", notes);
        json.putAll(sections);
        try {
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            ChartApi.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
        System.out.println("\nJSON: " + out.toAbsolutePath());
    }

    /** A Markdown table; cells are printed as given. */
    public static String table(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> out.append("---|"));
        out.append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }

    /** Microseconds as milliseconds with microsecond resolution. */
    public static String ms(double micros) {
        return Double.isNaN(micros) ? "-" : String.format(Locale.ROOT, "%.3f", micros / 1_000.0);
    }

    public static String fixed(double value, int decimals) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** The command as the OS saw it (java, its options and arguments), else a reconstruction. */
    private static String commandLine(String program, String[] args) {
        return ProcessHandle.current().info().commandLine()
                .orElse("java " + program + " " + String.join(" ", args));
    }
}
