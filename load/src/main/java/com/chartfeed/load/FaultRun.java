package com.chartfeed.load;

import com.chartfeed.testing.RedisServerProcess;
import com.chartfeed.testing.TcpProxy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load at a fixed rate while the cache and the database fail and come back: this run's own
 * redis-server is killed and restarted, and PostgreSQL, reached through a {@link TcpProxy}, is
 * cut off (connections refused) and black-holed (connections hang). Counts every answer by status
 * and {@code X-Cache} per phase, fails on any 500 or request that hung past the client timeout,
 * and measures how long after each repair answers and health were back to normal.
 */
@Command(name = "FaultRun", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Redis and PostgreSQL failures under load: no 500, no hung request, recovery times.")
public final class FaultRun implements Callable<Integer> {
    private static final Pattern JDBC_HOST_PORT = Pattern.compile("^(jdbc:postgresql://)([^/:]+)(?::(\\d+))?(/.*)$");
    private static final List<String> FAULTS = List.of("redis", "pg-cut", "pg-blackhole");
    private static final List<String> CACHED = List.of("sma", "ema", "rsi", "macd", "bbands");

    @Mixin
    ServerOptions serverOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--rate", defaultValue = "200", description = "Requests per second, sent on schedule whether or "
            + "not earlier ones were answered. Default: ${DEFAULT-VALUE}")
    int rate;

    @Option(names = "--max-in-flight", defaultValue = "256", description = "Requests outstanding at most; a request "
            + "due when this many wait is not sent and counted as 'saturated'. Default: ${DEFAULT-VALUE}")
    int maxInFlight;

    @Option(names = "--faults", split = ",", defaultValue = "redis,pg-cut,pg-blackhole",
            description = "In this order. Default: ${DEFAULT-VALUE}")
    List<String> faults;

    @Option(names = "--baseline", defaultValue = "5s", description = "Load before the first fault. Default: ${DEFAULT-VALUE}")
    Duration baseline;

    @Option(names = "--outage", defaultValue = "10s", description = "How long each fault lasts. Default: ${DEFAULT-VALUE}")
    Duration outage;

    @Option(names = "--observe", defaultValue = "15s", description = "Load after each repair. Default: ${DEFAULT-VALUE}")
    Duration observe;

    @Option(names = "--ttl", defaultValue = "5s", description = "The server's cache TTL for every interval "
            + "(CACHE_TTL_MIN and _MAX): short, so that entries expire during an outage and are served STALE. "
            + "Default: ${DEFAULT-VALUE}")
    Duration ttl;

    @Option(names = "--symbols", defaultValue = "20", description = "Default: ${DEFAULT-VALUE}")
    int symbols;

    @Option(names = "--candles", defaultValue = "2000", description = "Default: ${DEFAULT-VALUE}")
    int candles;

    @Option(names = "--health-every", defaultValue = "250ms", description = "Default: ${DEFAULT-VALUE}")
    Duration healthEvery;

    @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--out", defaultValue = "target/fault-report.json", description = "Default: ${DEFAULT-VALUE}")
    Path out;

    /** What was asked, so that "normal" can be judged: an unknown symbol's normal answer is 404. */
    private enum Kind { CACHED, CANDLES, NEW_PARAMS, UNKNOWN_SYMBOL }

    private record Sent(Kind kind, long intendedNanos, Answer answer) {
        boolean normal() {
            if (kind == Kind.UNKNOWN_SYMBOL) {
                return answer.status() == 404;
            }
            return answer.status() == 200 && (answer.xCache().startsWith("HIT-") || answer.xCache().equals("MISS"));
        }

        String key() {
            return answer.status() == 200 ? "200 " + answer.xCache() : answer.statusKey();
        }
    }

    private record Health(long atNanos, String status) {
    }

    private record Event(String name, long atNanos) {
    }

    private final List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    private final List<Health> health = Collections.synchronizedList(new ArrayList<>());
    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean running = true;
    private long saturated;

    public static void main(String[] args) {
        Cli.run(new FaultRun(), args);
    }

    @Override
    public Integer call() throws InterruptedException {
        for (String fault : faults) {
            if (!FAULTS.contains(fault)) {
                throw new IllegalArgumentException("unknown fault " + fault + "; known: " + FAULTS);
            }
        }
        Report report = new Report("FaultRun", spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
        report.setting("rate", rate).setting("faults", faults).setting("baseline", Durations.format(baseline))
                .setting("outage", Durations.format(outage)).setting("observe", Durations.format(observe))
                .setting("ttl", Durations.format(ttl)).setting("timeout", Durations.format(serverOptions.timeout))
                .setting("symbols", symbols).setting("candles", candles);
        Matcher jdbc = JDBC_HOST_PORT.matcher(serverOptions.postgresUrl);
        if (!jdbc.matches()) {
            throw new IllegalArgumentException("--postgres-url must look like jdbc:postgresql://host:port/db");
        }
        int pgPort = jdbc.group(3) == null ? 5432 : Integer.parseInt(jdbc.group(3));
        long start;
        // Declared in this order so that the server stops before the proxy it reads through.
        try (TcpProxy proxy = TcpProxy.to(jdbc.group(2), pgPort);
             Stack stack = new Stack(serverOptions)) {
            RedisServerProcess redis = stack.ownRedis();
            Map<String, String> env = new LinkedHashMap<>();
            env.put("DATASOURCES_DEFAULT_URL", jdbc.group(1) + "127.0.0.1:" + proxy.port() + jdbc.group(4));
            env.put("CACHE_TTL_MIN", ttl.toMillis() + "ms");
            env.put("CACHE_TTL_MAX", ttl.toMillis() + "ms");
            ChartApi api = stack.api(stack.startServer("fault-server", env).uri());
            List<String> names = Dataset.symbols("FR", symbols);
            Dataset.upload(api, names.stream().map(s -> new Dataset.Series(s, "1h", candles)).toList(), 2);
            for (String symbol : names) {
                for (String indicator : CACHED) {
                    api.get("/v1/indicators/" + symbol + "/" + indicator + "?interval=1h", false);
                }
            }
            System.out.println(report.heading());

            start = System.nanoTime();
            Semaphore inFlight = new Semaphore(maxInFlight);
            Thread sender = daemon("sender", () -> send(api, names, inFlight));
            Thread poller = daemon("health", () -> pollHealth(api));
            event("baseline", start);
            Pause.of(baseline);
            for (String fault : faults) {
                event(fault + " down", System.nanoTime());
                switch (fault) {
                    case "redis" -> redis.stop();
                    case "pg-cut" -> proxy.cut();
                    default -> proxy.blackhole();
                }
                Pause.of(outage);
                event(fault + " repaired", System.nanoTime());
                if (fault.equals("redis")) {
                    redis.restart();
                } else {
                    proxy.restore();
                }
                Pause.of(observe);
            }
            event("end", System.nanoTime());
            running = false;
            sender.join(5_000);
            poller.join(serverOptions.timeout.toMillis() + 5_000);
            // Whatever is still outstanding ends by the client timeout at the latest.
            if (!inFlight.tryAcquire(maxInFlight, serverOptions.timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                report.note("requests still outstanding past the client timeout: the client itself hung");
            }
        }
        return report(report, start);
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void event(String name, long at) {
        events.add(new Event(name, at));
        System.out.printf("%7.1f s  %s%n", (at - events.get(0).atNanos()) / 1e9, name);
    }

    /**
     * Open loop: request i is due at start + i/rate and is sent then, however many earlier ones
     * are still waiting; its latency counts from when it was due, so a stall shows in full.
     */
    private void send(ChartApi api, List<String> names, Semaphore inFlight) {
        SplittableRandom random = new SplittableRandom(seed);
        long period = 1_000_000_000L / rate;
        long first = System.nanoTime();
        for (long i = 0; running; i++) {
            long due = first + i * period;
            Pause.until(due);
            Kind kind = pickKind(random);
            String path = path(kind, names, random);
            if (!inFlight.tryAcquire()) {
                synchronized (this) {
                    saturated++;
                }
                continue;
            }
            api.sendAsync(path).whenComplete((answer, never) -> {
                inFlight.release();
                Answer timed = new Answer(answer.status(), answer.xCache(), answer.etag(), System.nanoTime() - due,
                        null, answer.failure());
                sent.add(new Sent(kind, due, timed));
            });
        }
    }

    private static Kind pickKind(SplittableRandom random) {
        int r = random.nextInt(100);
        return r < 80 ? Kind.CACHED : r < 90 ? Kind.CANDLES : r < 98 ? Kind.NEW_PARAMS : Kind.UNKNOWN_SYMBOL;
    }

    private static String path(Kind kind, List<String> names, SplittableRandom random) {
        String symbol = names.get(random.nextInt(names.size()));
        return switch (kind) {
            case CACHED -> "/v1/indicators/" + symbol + "/" + CACHED.get(random.nextInt(CACHED.size()))
                    + "?interval=1h&limit=" + (100 + random.nextInt(900));
            case CANDLES -> "/v1/candles/" + symbol + "?interval=1h&limit=300";
            // A key nobody asked for: computed from the cached candles, or from the database when they expired.
            case NEW_PARAMS -> "/v1/indicators/" + symbol + "/sma?interval=1h&period=" + (2 + random.nextInt(500));
            // Never stored: a symbol lookup in the database each time the "unknown" memory lapses.
            case UNKNOWN_SYMBOL -> "/v1/indicators/FRNONE" + random.nextInt(1_000) + "/rsi?interval=1h";
        };
    }

    private void pollHealth(ChartApi api) {
        while (running) {
            long at = System.nanoTime();
            Answer answer = api.get("/v1/cache/health", true);
            String status = answer.status() == 0 ? answer.statusKey()
                    : answer.body() == null ? Integer.toString(answer.status())
                    : ChartApi.parse(answer).path("status").asText(Integer.toString(answer.status()));
            health.add(new Health(at, status));
            Pause.until(at + healthEvery.toNanos());
        }
    }

    private int report(Report report, long start) {
        List<Sent> answers;
        synchronized (sent) {
            answers = new ArrayList<>(sent);
        }
        List<Health> checks;
        synchronized (health) {
            checks = new ArrayList<>(health);
        }
        List<Event> timeline = new ArrayList<>(events);
        List<Map<String, Object>> phases = new ArrayList<>();
        List<List<String>> phaseRows = new ArrayList<>();
        List<Map<String, Object>> recoveries = new ArrayList<>();
        List<List<String>> recoveryRows = new ArrayList<>();
        for (int i = 0; i + 1 < timeline.size(); i++) {
            Event from = timeline.get(i);
            long end = timeline.get(i + 1).atNanos();
            List<Sent> in = answers.stream().filter(s -> s.intendedNanos() >= from.atNanos() && s.intendedNanos() < end).toList();
            Tally tally = new Tally();
            Map<String, Long> counts = new TreeMap<>();
            for (Sent s : in) {
                tally.record(s.answer());
                counts.merge(s.key(), 1L, Long::sum);
            }
            Map<String, Long> healthCounts = new TreeMap<>();
            checks.stream().filter(h -> h.atNanos() >= from.atNanos() && h.atNanos() < end)
                    .forEach(h -> healthCounts.merge(h.status(), 1L, Long::sum));
            long normal = in.stream().filter(Sent::normal).count();
            Tally.Summary summary = tally.summary();
            Map<String, Object> phase = new LinkedHashMap<>();
            phase.put("phase", from.name());
            phase.put("fromSeconds", (from.atNanos() - start) / 1e9);
            phase.put("toSeconds", (end - start) / 1e9);
            phase.put("requests", in.size());
            phase.put("normal", normal);
            phase.put("answers", counts);
            phase.put("health", healthCounts);
            phase.put("latencyMicros", summary.latency());
            phases.add(phase);
            phaseRows.add(List.of(from.name(), Report.fixed((from.atNanos() - start) / 1e9, 1),
                    Report.fixed((end - start) / 1e9, 1), Integer.toString(in.size()),
                    Report.fixed(100.0 * normal / Math.max(1, in.size()), 1) + "%", Tally.Summary.cell(counts),
                    Tally.Summary.cell(healthCounts), Report.ms(summary.latency().p50Micros()),
                    Report.ms(summary.latency().p99Micros()), Report.ms(summary.latency().maxMicros())));
            if (from.name().endsWith(" repaired")) {
                List<Recovery.Sample> answerSamples = in.stream()
                        .map(s -> new Recovery.Sample(s.intendedNanos(), s.normal())).toList();
                List<Recovery.Sample> healthSamples = checks.stream()
                        .map(h -> new Recovery.Sample(h.atNanos(), h.status().equals("UP"))).toList();
                OptionalLong first = Recovery.first(from.atNanos(), end, answerSamples, healthSamples);
                OptionalLong stable = Recovery.stable(from.atNanos(), end, answerSamples, healthSamples);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("repair", from.name());
                r.put("firstNormalMillis", first.isPresent() ? first.getAsLong() / 1e6 : null);
                r.put("normalForGoodMillis", stable.isPresent() ? stable.getAsLong() / 1e6 : null);
                r.put("observedSeconds", (end - from.atNanos()) / 1e9);
                recoveries.add(r);
                String never = "not within " + Report.fixed((end - from.atNanos()) / 1e9, 1) + " s";
                recoveryRows.add(List.of(from.name(),
                        first.isPresent() ? Report.fixed(first.getAsLong() / 1e6, 0) + " ms" : never,
                        stable.isPresent() ? Report.fixed(stable.getAsLong() / 1e6, 0) + " ms" : never));
            }
        }
        long errors500 = answers.stream().filter(s -> s.answer().status() == 500).count();
        long hung = answers.stream().filter(s -> s.answer().timedOut()).count();
        long otherFailures = answers.stream().filter(s -> s.answer().status() == 0 && !s.answer().timedOut()).count();
        long notRecovered = recoveries.stream().filter(r -> r.get("firstNormalMillis") == null).count();
        long relapsed = recoveries.stream()
                .filter(r -> r.get("firstNormalMillis") != null && r.get("normalForGoodMillis") == null).count();
        List<String> failures = new ArrayList<>();
        if (errors500 > 0) {
            failures.add(errors500 + " answers were 500");
        }
        if (hung > 0) {
            failures.add(hung + " requests hung past the " + Durations.format(serverOptions.timeout) + " client timeout");
        }
        if (otherFailures > 0) {
            failures.add(otherFailures + " requests got no HTTP answer (connection errors)");
        }
        if (saturated > 0) {
            failures.add(saturated + " requests not sent: " + maxInFlight + " were outstanding (saturated)");
        }
        if (notRecovered > 0) {
            failures.add(notRecovered + " repairs never followed by normal answers and health UP within --observe");
        }
        if (relapsed > 0) {
            report.note(relapsed + " repairs recovered, then relapsed before the window ended (see health changes)");
        }
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("passed", failures.isEmpty());
        verdict.put("failures", failures);
        verdict.put("requests", answers.size());
        verdict.put("status500", errors500);
        verdict.put("hung", hung);
        verdict.put("saturated", saturated);
        List<Map<String, Object>> healthChanges = new ArrayList<>();
        String last = null;
        for (Health h : checks) {
            if (!h.status().equals(last)) {
                healthChanges.add(Map.of("atSeconds", (h.atNanos() - start) / 1e9, "status", h.status()));
                last = h.status();
            }
        }
        report.section("verdict", verdict).section("phases", phases).section("recoveries", recoveries)
                .section("healthChanges", healthChanges);

        System.out.println("\n" + report.heading());
        System.out.println(Report.table(List.of("phase", "from s", "to s", "requests", "normal", "answers (status X-Cache)",
                "health", "p50 ms", "p99 ms", "max ms"), phaseRows));
        System.out.println("Health changes: " + healthChanges.stream()
                .map(c -> Report.fixed((Double) c.get("atSeconds"), 1) + "s " + c.get("status")).toList() + "\n");
        System.out.println("Recovery after each repair: first = first health check UP with every answer normal until "
                + "the next check; for good = every answer and check normal from then to the window's end.\n");
        System.out.println(Report.table(List.of("repair", "first normal", "normal for good"), recoveryRows));
        System.out.println("Normal: the expected status (200, or 404 for the unknown-symbol probe) with X-Cache HIT-L1, "
                + "HIT-L2 or MISS. Latency counts from when a request was due (open loop at " + rate + "/s).");
        System.out.println(failures.isEmpty() ? "\nPASS: no 500, no hung request, every repair recovered"
                : "\nFAIL: " + String.join("; ", failures));
        report.writeJson(out);
        return failures.isEmpty() ? 0 : 1;
    }
}
