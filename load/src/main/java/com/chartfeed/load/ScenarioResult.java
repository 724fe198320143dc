package com.chartfeed.load;

import java.util.List;
import java.util.Map;

/**
 * One measured scenario, as printed and as written to JSON.
 *
 * @param method         how it was measured, in a sentence
 * @param expected       what every answer should have been ("X-Cache HIT-L1", "status 400")
 * @param expectedShare  the share of answers (or batch items) that were; below 1 the row measured
 *                       something else as well, and says so
 */
public record ScenarioResult(String name, String server, int clients, String method, long requests, double seconds,
                             double throughputPerSecond, Tally.Latencies latencyMicros, Map<String, Long> statuses,
                             Map<String, Long> xCache, String expected, double expectedShare) {

    static ScenarioResult of(String name, String server, int clients, String method, ClosedLoop.Run run,
                             String expected, double expectedShare) {
        Tally.Summary s = run.tally().summary();
        return new ScenarioResult(name, server, clients, method, s.requests(), run.seconds(),
                s.requests() / Math.max(1e-9, run.seconds()), s.latency(), s.statuses(), s.xCache(), expected,
                expectedShare);
    }

    static final List<String> HEADER = List.of("scenario", "server", "clients", "requests", "s", "req/s",
            "p50 ms", "p90 ms", "p99 ms", "max ms", "status", "X-Cache", "expected");

    List<String> row() {
        return List.of(name, server, Integer.toString(clients), Long.toString(requests), Report.fixed(seconds, 1),
                Report.fixed(throughputPerSecond, 0), Report.ms(latencyMicros.p50Micros()),
                Report.ms(latencyMicros.p90Micros()), Report.ms(latencyMicros.p99Micros()),
                Report.ms(latencyMicros.maxMicros()), Tally.Summary.cell(statuses), Tally.Summary.cell(xCache),
                Report.fixed(expectedShare * 100, 1) + "% " + expected);
    }

    /** The share of {@code key} among the counts of {@code counts} whose keys start like it (item- or not). */
    static double share(Map<String, Long> counts, String key) {
        boolean item = key.startsWith("item-");
        long total = counts.entrySet().stream()
                .filter(e -> e.getKey().startsWith("item-") == item)
                .mapToLong(Map.Entry::getValue).sum();
        return total == 0 ? 0 : counts.getOrDefault(key, 0L) / (double) total;
    }
}
