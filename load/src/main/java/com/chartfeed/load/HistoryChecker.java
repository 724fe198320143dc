package com.chartfeed.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Judges a {@link History} offline against the freshness contract:
 * <ul>
 *   <li>{@code stale-read}: a read that started more than the staleness budget (plus slack) after a
 *       write was acknowledged, was answered neither {@code STALE} nor 5xx, and misses that
 *       write's candle (a {@code 404} of the symbol misses it too);</li>
 *   <li>{@code stale-read-unpublished}: the same for a PUT that said {@code "invalidatedFleetWide": false},
 *       held to the catch-up bound instead of the budget (below);</li>
 *   <li>{@code wrong-value}: it holds the candle's time with another close than the one acknowledged;</li>
 *   <li>{@code version-regressed}: a (symbol, interval)'s version in PostgreSQL went down between two polls;</li>
 *   <li>{@code redis-wait}: a read's {@code Server-Timing l2} exceeds the Redis command deadline plus slack
 *       (unless its server was frozen meanwhile: a frozen process counts the freeze in its timings), plus
 *       the stalls of the machine the checker's own process saw meanwhile ({@link History.Hiccup});</li>
 *   <li>{@code put-waits-on-redis}: a PUT that ran while Redis was paused or black-holed (and nothing
 *       else was faulty but the freeze of another server, nor had been shortly before) took longer than
 *       the write bound, and was not answered 503 (the database's answer); PUTs send no {@code Server-Timing}, so
 *       their time on Redis is bounded by their whole latency;</li>
 *   <li>{@code server-error}: any {@code 500}.</li>
 * </ul>
 * Each violation is counted once per read item (however many candles it misses) and the first few
 * are kept as readable examples.
 *
 * <p><b>The catch-up bound.</b> A PUT whose new version Redis did not take within the request's
 * deadline ({@code cache.redis-command-timeout}, 50 ms) is answered {@code "invalidatedFleetWide": false},
 * as the contract allows: PostgreSQL has the version and an {@code unpublished_versions} row, and
 * other containers, which learn versions from Redis, learn it only once some container's
 * {@code VersionRepair} publishes it. docs/cache.md promises how soon, from the later of the
 * acknowledgement and the end of the last Redis fault (Redis answering again), with the servers'
 * settings ({@code shared/src/main/resources/application.yml}):
 * <ol>
 *   <li>a container's Redis breaker, opened by the failure at the latest just before Redis answers
 *       again, stays open {@code cache.breaker-open-for} (5 s); the next request's command probes it
 *       (the checker's readers keep every server busy), and a successful probe starts a repair at once;</li>
 *   <li>a container whose breaker is closed runs a repair at least every
 *       {@code cache.version-repair-interval} (1 s), started by a request;</li>
 *   <li>once the version is in Redis, every container reads it within {@code cache.staleness-budget}
 *       (1 s): its trust in the version it read last lasts no longer.</li>
 * </ol>
 * So such a candle must be in every read that is neither {@code STALE} nor 5xx and starts more than
 * {@code budget + version-repair-interval + breaker-open-for} (7 s) plus {@code catchUpSlack} (the
 * repair's own query and script, a request to start it) after that time. A Redis fault still
 * under way when the read starts excuses it. Anything later is a {@code stale-read-unpublished}.
 */
public final class HistoryChecker {
    static final int EXAMPLES = 5;
    /** Faults during which Redis is reachable but does not answer: where a request could wait on it. */
    private static final Set<String> REDIS_SILENT = Set.of("redis-pause", "redis-blackhole");
    /** A server process frozen with {@code SIGSTOP}; its target is the server's name. */
    static final String FREEZE = "server-freeze";
    /** A snapshot taken for a later restart from it: an action on Redis, not a fault. */
    private static final String REDIS_SNAPSHOT = "redis-save";

    /**
     * @param budget             the staleness budget ({@code cache.staleness-budget}, 1 s)
     * @param stalenessSlack     added to it: a container may start its trust window when the reply of
     *                           its generation read arrives rather than when it sent it (at most the
     *                           Redis command deadline later), plus timer granularity
     * @param redisDeadline      {@code cache.redis-command-timeout} (50 ms)
     * @param redisSlack         added to it: thread scheduling and a GC pause on a busy machine between
     *                           the deadline firing and the request going on
     * @param writeRedisBound    the longest a PUT may take while Redis is silent and all else is healthy
     * @param faultAftermath     how long after another fault a PUT is not judged by that bound: the database's
     *                           breaker (2 s) and connection timeout (2 s) outlast the fault
     * @param repairInterval     {@code cache.version-repair-interval} (1 s), for the catch-up bound
     * @param breakerOpenFor     {@code cache.breaker-open-for} (5 s), for the catch-up bound
     * @param catchUpSlack       added to the catch-up bound: the request that probes or starts the repair,
     *                           the repair's query and script, the machine's stalls
     */
    public record Settings(Duration budget, Duration stalenessSlack, Duration redisDeadline, Duration redisSlack,
                           Duration writeRedisBound, Duration faultAftermath, Duration repairInterval,
                           Duration breakerOpenFor, Duration catchUpSlack) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMillis(50),
                    Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(1),
                    Duration.ofSeconds(5), Duration.ofSeconds(1));
        }

        /** How long after Redis answers again (or the acknowledgement, if later) an unpublished version may go unseen. */
        Duration catchUp() {
            return budget.plus(repairInterval).plus(breakerOpenFor).plus(catchUpSlack);
        }
    }

    /** The outcome: violations by kind (counts and the first few examples) and what the history held. */
    public record Verdict(Map<String, Long> violations, Map<String, List<String>> examples, Map<String, Long> ops,
                          Map<String, Long> faults, long checkedReadItems, long acknowledged) {
        public boolean passed() {
            return violations.isEmpty();
        }

        public String summary() {
            StringBuilder out = new StringBuilder();
            out.append("operations: ").append(cell(ops)).append('\n');
            out.append("faults injected: ").append(faults.isEmpty() ? "none" : cell(faults)).append('\n');
            out.append("acknowledged writes: ").append(acknowledged).append("; read items judged: ")
                    .append(checkedReadItems).append('\n');
            if (violations.isEmpty()) {
                out.append("violations: none\n");
            } else {
                out.append("violations: ").append(cell(violations)).append('\n');
                examples.forEach((kind, list) -> {
                    out.append("  ").append(kind).append(" (first ").append(list.size()).append("):\n");
                    list.forEach(example -> out.append("    - ").append(example).append('\n'));
                });
            }
            return out.toString();
        }

        private static String cell(Map<String, Long> counts) {
            StringBuilder out = new StringBuilder();
            counts.forEach((k, v) -> out.append(out.isEmpty() ? "" : ", ").append(k).append(' ').append(v));
            return out.toString();
        }
    }

    private final Settings settings;
    private final Map<String, Long> violations = new TreeMap<>();
    private final Map<String, List<String>> examples = new TreeMap<>();

    public HistoryChecker(Settings settings) {
        this.settings = settings;
    }

    public Verdict check(List<History.Event> events) {
        violations.clear();
        examples.clear();
        List<History.Write> writes = new ArrayList<>();
        List<History.Read> reads = new ArrayList<>();
        List<History.Version> versions = new ArrayList<>();
        List<History.Fault> faults = new ArrayList<>();
        List<History.Hiccup> hiccups = new ArrayList<>();
        for (History.Event event : events) {
            switch (event) {
                case History.Write w -> writes.add(w);
                case History.Read r -> reads.add(r);
                case History.Version v -> versions.add(v);
                case History.Fault f -> faults.add(f);
                case History.Hiccup h -> hiccups.add(h);
                case History.Run ignored -> { }
            }
        }
        Map<String, Long> ops = new TreeMap<>();
        writes.forEach(w -> ops.merge(w.kind() + (w.acked() ? " acked" : " not acked"), 1L, Long::sum));
        reads.forEach(r -> ops.merge(r.kind() + " " + (r.status() == 0 ? r.failure() : r.status()
                + (r.xCache() == null ? "" : " " + r.xCache())), 1L, Long::sum));
        ops.merge("version changes", (long) versions.size(), Long::sum);
        ops.merge("machine stalls >= 10 ms", (long) hiccups.size(), Long::sum);
        Map<String, Long> faultCounts = new TreeMap<>();
        faults.forEach(f -> faultCounts.merge(f.kind(), 1L, Long::sum));

        long judged = checkFreshness(writes, reads, faults);
        checkVersions(versions);
        checkRedisWaits(reads, writes, faults, hiccups);
        checkServerErrors(reads, writes);
        long acked = writes.stream().filter(History.Write::acked).count();
        return new Verdict(Map.copyOf(violations), copy(examples), ops, faultCounts, judged, acked);
    }

    private long checkFreshness(List<History.Write> writes, List<History.Read> reads, List<History.Fault> faults) {
        long grace = micros(settings.budget()) + micros(settings.stalenessSlack());
        long catchUp = micros(settings.catchUp());
        // By start of each Redis fault, the latest end of those begun by then: Redis answered again from that
        // end on, for a read begun after that start (and before the next).
        NavigableMap<Long, Long> redisBackAt = new TreeMap<>();
        faults.stream().filter(f -> f.kind().startsWith("redis-") && !f.kind().equals(REDIS_SNAPSHOT))
                .sorted(Comparator.comparingLong(History.Fault::start))
                .forEach(f -> redisBackAt.put(f.start(), redisBackAt.isEmpty() ? f.end()
                        : Math.max(f.end(), redisBackAt.lastEntry().getValue())));
        Map<String, NavigableMap<Long, History.Write>> acked = new HashMap<>();
        for (History.Write w : writes) {
            if (w.acked()) {
                acked.computeIfAbsent(scope(w.symbol(), w.interval()), s -> new TreeMap<>()).merge(w.ts(), w,
                        // Two acknowledged writes of one time (not made by the run): the earlier binds.
                        (a, b) -> a.end() <= b.end() ? a : b);
            }
        }
        long judged = 0;
        for (History.Read read : reads) {
            if (read.items() == null) {
                continue;
            }
            for (History.Item item : read.items()) {
                boolean presentedAsCurrent = (item.status() == 200 && !item.stale()) || item.status() == 404;
                NavigableMap<Long, History.Write> scope = acked.get(scope(item.symbol(), item.interval()));
                if (!presentedAsCurrent || scope == null) {
                    continue;
                }
                judged++;
                Map<Long, Integer> index = new HashMap<>();
                long[] ts = item.ts() == null ? new long[0] : item.ts();
                for (int i = 0; i < ts.length; i++) {
                    index.put(ts[i], i);
                }
                List<History.Write> missing = new ArrayList<>();
                History.Write wrongValue = null;
                double seen = Double.NaN;
                Map.Entry<Long, Long> lastRedisFault = redisBackAt.floorEntry(read.start());
                long redisBack = lastRedisFault == null ? Long.MIN_VALUE : lastRedisFault.getValue();
                for (History.Write w : scope.tailMap(item.from(), true).values()) {
                    boolean unpublished = Boolean.FALSE.equals(w.fleetWide());
                    long due = unpublished ? Math.max(w.end(), redisBack) + catchUp : w.end() + grace;
                    if (due >= read.start()) {
                        continue;
                    }
                    Integer at = index.get(w.ts());
                    if (at == null) {
                        missing.add(w);
                    } else if (item.close() != null && item.close()[at] != w.close() && wrongValue == null) {
                        wrongValue = w;
                        seen = item.close()[at];
                    }
                }
                if (!missing.isEmpty()) {
                    History.Write first = missing.getFirst();
                    boolean unpublished = missing.stream().allMatch(w -> Boolean.FALSE.equals(w.fleetWide()));
                    violation(unpublished ? "stale-read-unpublished" : "stale-read", String.format(Locale.ROOT,
                            "%s misses candle %s %d acknowledged by %s at %s, %s before the read started%s",
                            describe(read, item), scope(item.symbol(), item.interval()), first.ts(), describe(first),
                            seconds(first.end()), millis(read.start() - first.end()),
                            missing.size() > 1 ? " (" + missing.size() + " acknowledged candles missing)" : ""));
                }
                if (wrongValue != null) {
                    violation("wrong-value", String.format(Locale.ROOT,
                            "%s holds close %s at %d where %s acknowledged %s at %s", describe(read, item), seen,
                            wrongValue.ts(), describe(wrongValue), wrongValue.close(), seconds(wrongValue.end())));
                }
            }
        }
        return judged;
    }

    private void checkVersions(List<History.Version> versions) {
        Map<String, History.Version> last = new HashMap<>();
        versions.stream().sorted(Comparator.comparingLong(History.Version::at)).forEach(v -> {
            String scope = scope(v.symbol(), v.interval());
            History.Version before = last.get(scope);
            if (before != null && v.version() < before.version()) {
                violation("version-regressed", String.format(Locale.ROOT,
                        "%s: version %d in PostgreSQL at %s, then %d at %s", scope, before.version(),
                        seconds(before.at()), v.version(), seconds(v.at())));
            }
            if (before == null || v.version() >= before.version()) {
                last.put(scope, v);
            }
        });
    }

    private void checkRedisWaits(List<History.Read> reads, List<History.Write> writes, List<History.Fault> faults,
                                 List<History.Hiccup> hiccups) {
        double readBound = settings.redisDeadline().toNanos() / 1e6 + settings.redisSlack().toNanos() / 1e6;
        for (History.Read read : reads) {
            if (read.l2Millis() == null || read.l2Millis() <= readBound) {
                continue;
            }
            // A process frozen mid-request counts the freeze in its own timings: not a wait on Redis. Nor are
            // the stalls of the whole machine the checker's own process saw meanwhile: a thread starved
            // again and again loses their sum at most.
            double stall = hiccups.stream().filter(h -> h.at() < read.end()
                    && h.at() + (long) (h.millis() * 1_000) > read.start()).mapToDouble(History.Hiccup::millis)
                    .sum();
            if (read.l2Millis() > readBound + stall && !frozen(read.server(), read.start(), read.end(), faults)) {
                violation("redis-wait", String.format(Locale.ROOT, "%s waited %.1f ms on Redis (Server-Timing l2), "
                        + "over the %.0f ms deadline plus slack%s", describe(read, null), read.l2Millis(), readBound,
                        stall > 0 ? String.format(Locale.ROOT, " plus %.0f ms of stalls of the machine", stall) : ""));
            }
        }
        long writeBound = micros(settings.writeRedisBound());
        for (History.Write write : writes) {
            // A 503 is the database's answer (no connection, breaker open): it waited on PostgreSQL.
            if (!write.kind().equals("put") || write.status() == 0 || write.status() == 503
                    || write.end() - write.start() <= writeBound) {
                continue;
            }
            boolean redisSilent = false;
            boolean otherFault = false;
            long aftermath = micros(settings.faultAftermath());
            for (History.Fault fault : faults) {
                if (REDIS_SILENT.contains(fault.kind())) {
                    redisSilent |= fault.start() < write.end() && fault.end() > write.start();
                } else if (!fault.kind().equals(FREEZE) || fault.target().equals(write.server())) {
                    // PostgreSQL (or this server) faulty meanwhile or shortly before: pools reconnect, breakers probe.
                    otherFault |= fault.start() < write.end() && fault.end() + aftermath > write.start();
                }
            }
            if (redisSilent && !otherFault) {
                violation("put-waits-on-redis", String.format(Locale.ROOT,
                        "%s took %s while only Redis was silent (bound %s)", describe(write),
                        millis(write.end() - write.start()), millis(writeBound)));
            }
        }
    }

    private static boolean frozen(String server, long start, long end, List<History.Fault> faults) {
        return faults.stream().anyMatch(f -> f.kind().equals(FREEZE) && f.target().equals(server)
                && f.start() < end && f.end() > start);
    }

    private void checkServerErrors(List<History.Read> reads, List<History.Write> writes) {
        for (History.Read read : reads) {
            if (read.status() == 500) {
                violation("server-error", describe(read, null) + " answered 500");
            } else if (read.items() != null) {
                read.items().stream().filter(item -> item.status() == 500).findFirst()
                        .ifPresent(item -> violation("server-error", describe(read, item) + " answered 500"));
            }
        }
        for (History.Write write : writes) {
            if (write.status() == 500) {
                violation("server-error", describe(write) + " answered 500");
            }
        }
    }

    private void violation(String kind, String example) {
        violations.merge(kind, 1L, Long::sum);
        List<String> list = examples.computeIfAbsent(kind, k -> new ArrayList<>());
        if (list.size() < EXAMPLES) {
            list.add(example);
        }
    }

    private static String describe(History.Read read, History.Item item) {
        StringBuilder out = new StringBuilder("read #").append(read.id()).append(' ').append(read.kind());
        if (item != null) {
            out.append(' ').append(scope(item.symbol(), item.interval())).append(" from ").append(item.from());
        }
        out.append(" on ").append(read.server()).append(" at ").append(seconds(read.start()))
                .append(" (").append(read.status() == 0 ? read.failure() : read.status());
        if (item != null && item.status() != read.status()) {
            out.append(", item ").append(item.status());
        }
        if (read.xCache() != null) {
            out.append(' ').append(read.xCache());
        }
        return out.append(')').toString();
    }

    private static String describe(History.Write write) {
        return "write #" + write.id() + " (" + write.kind() + " via " + write.server()
                + (write.fleetWide() == null ? "" : ", invalidatedFleetWide " + write.fleetWide()) + ")";
    }

    static String scope(String symbol, String interval) {
        return symbol + "/" + interval;
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1_000;
    }

    private static String seconds(long micros) {
        return String.format(Locale.ROOT, "%.3f s", micros / 1e6);
    }

    private static String millis(long micros) {
        return String.format(Locale.ROOT, "%.0f ms", micros / 1e3);
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> examples) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        examples.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }
}
