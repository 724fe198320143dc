package com.chartfeed.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the numbers were measured on: they mean nothing without it. Read from the JVM and from
 * {@code /proc} (Linux); what cannot be read is "unknown".
 *
 * @param loadAverage the 1, 5 and 15 minute load averages at the start: a busy machine shows here
 */
public record Machine(int nproc, String cpuModel, long totalMemoryBytes, String javaVersion, String javaVm,
                      String os, String loadAverage) {

    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                procLine("/proc/cpuinfo", "model name").orElse("unknown"),
                procLine("/proc/meminfo", "MemTotal").map(Machine::kibToBytes).orElse(-1L),
                System.getProperty("java.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                read("/proc/loadavg").map(s -> String.join(" ", List.of(s.split(" ")).subList(0, 3))).orElse("unknown"));
    }

    /** One line for a report's heading. */
    public String describe() {
        return nproc + " CPUs (" + cpuModel + "), " + (totalMemoryBytes >> 20) + " MiB, Java " + javaVersion
                + " (" + javaVm + "), " + os + ", load average " + loadAverage;
    }

    private static Optional<String> procLine(String file, String key) {
        return read(file).flatMap(text -> text.lines()
                .filter(line -> line.startsWith(key))
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .findFirst());
    }

    private static long kibToBytes(String value) {
        return Long.parseLong(value.replace("kB", "").strip()) * 1024;
    }

    private static Optional<String> read(String file) {
        try {
            return Optional.of(Files.readString(Path.of(file)).strip());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
