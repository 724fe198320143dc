package com.chartfeed.load;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The latencies (HdrHistogram, nanoseconds, 3 significant digits) and the answers counted by
 * status and by {@code X-Cache} of one scenario. Written by many client threads at once.
 */
public final class Tally {
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Histogram latencies = new ConcurrentHistogram(SIGNIFICANT_DIGITS);
    private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> xCache = new ConcurrentHashMap<>();

    /** Every answer counts, failures too: a timed-out request took its whole timeout. */
    public void record(Answer answer) {
        latencies.recordValue(Math.max(0, answer.nanos()));
        count(statuses, answer.statusKey(), 1);
        if (answer.status() != 0) {
            count(xCache, answer.xCache(), 1);
        }
    }

    /** Adds to the X-Cache counts without a request: the items of a batch, counted from its meta. */
    public void countXCache(String value, long n) {
        if (n > 0) {
            count(xCache, value, n);
        }
    }

    /** Adds to the status counts without a request: the items of a batch, each with its own status. */
    public void countStatus(String key, long n) {
        if (n > 0) {
            count(statuses, key, n);
        }
    }

    public Summary summary() {
        Histogram copy = latencies.copy();
        return new Summary(copy.getTotalCount(), Latencies.of(copy), snapshot(statuses), snapshot(xCache));
    }

    /** How many answers had this status key ({@code "200"}, {@code "timeout"}). */
    public long status(String key) {
        LongAdder adder = statuses.get(key);
        return adder == null ? 0 : adder.sum();
    }

    private static void count(Map<String, LongAdder> counts, String key, long n) {
        counts.computeIfAbsent(key, k -> new LongAdder()).add(n);
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((key, adder) -> sorted.put(key, adder.sum()));
        return sorted;
    }

    /** The counts and percentiles at one moment. */
    public record Summary(long requests, Latencies latency, Map<String, Long> statuses, Map<String, Long> xCache) {
        /** The counts as {@code 200:95 503:5}, for a table cell. */
        static String cell(Map<String, Long> counts) {
            StringBuilder out = new StringBuilder();
            counts.forEach((key, n) -> out.append(out.length() == 0 ? "" : " ").append(key).append(':').append(n));
            return out.length() == 0 ? "-" : out.toString();
        }
    }

    /**
     * Percentiles in microseconds. HdrHistogram reports a value equivalent within its precision
     * (3 digits: within 0.1 %), which is far below what a shared machine's noise is.
     */
    public record Latencies(double p50Micros, double p90Micros, double p99Micros, double p999Micros,
                            double maxMicros, double meanMicros) {
        static Latencies of(Histogram h) {
            if (h.getTotalCount() == 0) {
                return new Latencies(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            Function<Double, Double> at = p -> h.getValueAtPercentile(p) / 1_000.0;
            return new Latencies(at.apply(50.0), at.apply(90.0), at.apply(99.0), at.apply(99.9),
                    h.getMaxValue() / 1_000.0, h.getMean() / 1_000.0);
        }
    }
}
