package com.chartfeed.load;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.Well19937c;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A realistic chart workload over a fixed time: users open charts on symbols of Zipf popularity,
 * pan and zoom their windows and add indicators, while new candles arrive for some symbols
 * (at real time or faster), each ingestion invalidating what it touches. Reports where answers
 * came from ({@code X-Cache}), database reads per 1,000 requests, and latencies by layer.
 *
 * <p>By default the feed takes the production path: it writes each candle to PostgreSQL and
 * delivers an SNS {@code CandlesIngested} event to the candle-invalidation function, which runs in
 * a server of its own (serving no reads) and invalidates, then refreshes ahead if enabled.
 * {@code --ingestion put} uploads through {@code PUT /v1/candles} instead, which invalidates in
 * the reader server that took the upload and never refreshes.
 */
@Command(name = "ChartWorkload", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Chart users and a live candle feed against chartfeed; hit rates by layer, DB reads, latencies.")
public final class ChartWorkload implements Callable<Integer> {
    /** What charts show, with how often a user picks each (relative weights). */
    private static final List<Weighted<String>> INDICATORS = List.of(
            new Weighted<>("rsi", 20), new Weighted<>("macd", 15), new Weighted<>("ema?period=20", 12),
            new Weighted<>("sma?period=50", 10), new Weighted<>("bbands?period=20", 10),
            new Weighted<>("sma?period=200", 8), new Weighted<>("ema?period=50", 6), new Weighted<>("vwap", 5),
            new Weighted<>("atr", 5), new Weighted<>("stoch", 5), new Weighted<>("obv", 2), new Weighted<>("adx", 2));
    /** How often a session picks each of the default intervals 1m, 5m, 1h, 1d; other lists are uniform. */
    private static final List<Integer> INTERVAL_WEIGHTS = List.of(25, 25, 30, 20);
    private static final int MIN_WIDTH = 50;
    private static final int MAX_WIDTH = 2_000;

    @Mixin
    ServerOptions serverOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", description = "Attach to running servers (repeatable) instead of starting --servers")
    List<URI> urls;

    @Option(names = "--servers", defaultValue = "2", description = "Servers to start on one Redis, like containers of "
            + "a fleet; each request goes to one at random. Default: ${DEFAULT-VALUE}")
    int servers;

    @Option(names = "--symbols", defaultValue = "200", description = "Default: ${DEFAULT-VALUE}")
    int symbols;

    @Option(names = "--candles", defaultValue = "2000", description = "Stored candles per symbol and interval. Default: ${DEFAULT-VALUE}")
    int candles;

    @Option(names = "--intervals", split = ",", defaultValue = "1m,5m,1h,1d", description = "Default: ${DEFAULT-VALUE}")
    List<String> intervals;

    @Option(names = "--zipf", defaultValue = "1.1", description = "Zipf exponent of symbol popularity. Default: ${DEFAULT-VALUE}")
    double zipf;

    @Option(names = "--users", defaultValue = "16", description = "Concurrent chart users. Default: ${DEFAULT-VALUE}")
    int users;

    @Option(names = "--think", defaultValue = "100ms", description = "Mean pause between a user's actions "
            + "(exponential). Default: ${DEFAULT-VALUE}")
    Duration think;

    @Option(names = "--warmup", defaultValue = "10s", description = "Run before counting. Default: ${DEFAULT-VALUE}")
    Duration warmup;

    @Option(names = "--duration", defaultValue = "60s", description = "Counted run. Default: ${DEFAULT-VALUE}")
    Duration duration;

    @Option(names = "--feed-symbols", defaultValue = "20", description = "The most popular symbols that get live "
            + "candles. Default: ${DEFAULT-VALUE}")
    int feedSymbols;

    @Option(names = "--feed-speed", defaultValue = "60", description = "Simulated minutes per real minute: 1 = real "
            + "time (a new 1m candle per fed symbol every minute, a 5m one every 5...), 60 = one simulated minute a "
            + "second. Default: ${DEFAULT-VALUE}")
    double feedSpeed;

    @Option(names = "--ingestion", defaultValue = "event", description = "How the feed's candles arrive: 'event' "
            + "(written to PostgreSQL, then an SNS CandlesIngested event to the candle-invalidation function in a "
            + "server of its own, as in production) or 'put' (PUT /v1/candles to a reader server, which invalidates "
            + "itself). Default: ${DEFAULT-VALUE}")
    String ingestion;

    @Option(names = "--refresh-ahead", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "Start the servers with cache.refresh-ahead.enabled on (--refresh-ahead) or off "
                    + "(--no-refresh-ahead); only the 'event' ingestion refreshes. Default: off")
    boolean refreshAhead;

    @Option(names = "--invalidation-url", description = "With --url and --ingestion event: a running server with "
            + "LOCAL_LAMBDA_ENDPOINT_ENABLED=true to deliver the events to")
    URI invalidationUrl;

    @Option(names = "--upload-threads", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}")
    int uploadThreads;

    @Option(names = "--feed-threads", defaultValue = "4", description = "Candles of one tick ingested in parallel "
            + "(SNS invokes the function concurrently). Default: ${DEFAULT-VALUE}")
    int feedThreads;

    @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--out", defaultValue = "target/workload-report.json", description = "Default: ${DEFAULT-VALUE}")
    Path out;

    private record Weighted<T>(T value, int weight) {
    }

    /** What the counted part of the run saw. */
    private final Tally reads = new Tally();
    private final Tally writes = new Tally();
    private final Map<String, Tally> readsByLayer = new ConcurrentHashMap<>();
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong lateTicks = new AtomicLong();
    private long refreshed;
    private long refreshReads;
    private volatile long measureStart;
    private volatile long measureEnd;

    public static void main(String[] args) {
        Cli.run(new ChartWorkload(), args);
    }

    @Override
    public Integer call() throws InterruptedException {
        Report report = new Report("ChartWorkload", spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
        intervals.forEach(Dataset::seconds);
        report.setting("symbols", symbols).setting("candles", candles).setting("intervals", intervals)
                .setting("zipf", zipf).setting("users", users).setting("think", Durations.format(think))
                .setting("warmup", Durations.format(warmup)).setting("duration", Durations.format(duration))
                .setting("servers", urls == null ? servers : urls.size()).setting("feedSymbols", feedSymbols)
                .setting("feedSpeed", feedSpeed).setting("feedThreads", feedThreads).setting("ingestion", ingestion)
                .setting("refreshAhead", refreshAhead).setting("serverJvmArgs", serverOptions.serverJvmArgs);
        if (!List.of("event", "put").contains(ingestion)) {
            throw new ParameterException(spec.commandLine(), "--ingestion must be event or put");
        }
        if (feedSpeed <= 0) {
            throw new ParameterException(spec.commandLine(), "--feed-speed must be positive");
        }
        if (refreshAhead && ingestion.equals("put")) {
            report.note("--ingestion put invalidates in PUT /v1/candles, which does not refresh ahead");
        }
        List<String> names = Dataset.symbols("CW", symbols);
        Map<String, Object> serverStats = new LinkedHashMap<>();
        long databaseReads;
        try (Stack stack = new Stack(serverOptions)) {
            List<ChartApi> apis = new ArrayList<>();
            Map<String, String> env = Map.of("CACHE_REFRESH_AHEAD_ENABLED", Boolean.toString(refreshAhead));
            ChartApi invalidation = null;
            if (urls == null) {
                for (int i = 0; i < servers; i++) {
                    apis.add(stack.api(stack.startServer("workload-" + i, env).uri()));
                }
                if (ingestion.equals("event")) {
                    Map<String, String> invalidationEnv = new LinkedHashMap<>(env);
                    invalidationEnv.put("LOCAL_LAMBDA_ENDPOINT_ENABLED", "true");
                    invalidation = stack.api(stack.startServer("workload-invalidation", invalidationEnv).uri());
                }
            } else {
                urls.forEach(u -> apis.add(stack.api(u)));
                if (ingestion.equals("event")) {
                    if (invalidationUrl == null) {
                        throw new ParameterException(spec.commandLine(),
                                "--url with --ingestion event needs --invalidation-url");
                    }
                    invalidation = stack.api(invalidationUrl);
                }
            }
            Ingestion.removeFedCandles(serverOptions, names.subList(0, Math.min(feedSymbols, names.size())));
            List<Dataset.Series> series = new ArrayList<>();
            for (String symbol : names) {
                for (String interval : intervals) {
                    series.add(new Dataset.Series(symbol, interval, candles));
                }
            }
            Dataset.upload(apis.get(0), series, uploadThreads);
            System.out.println(report.heading());

            long start = System.nanoTime();
            measureStart = start + warmup.toNanos();
            measureEnd = measureStart + duration.toNanos();
            List<Thread> threads = new ArrayList<>();
            for (int u = 0; u < users; u++) {
                int user = u;
                threads.add(thread("user-" + u, () -> user(apis, names, user)));
            }
            Ingestion events = invalidation == null ? null : new Ingestion(serverOptions, invalidation);
            threads.add(thread("feed", () -> feed(apis, events, names)));
            Pause.until(measureStart);
            long readsBefore = totalDatabaseReads(apis, events);
            JsonNode functionBefore = events == null ? null : events.functionLoads();
            Pause.until(measureEnd);
            for (Thread t : threads) {
                // Every request is bounded by the client timeout, so they end soon after measureEnd.
                t.join(serverOptions.timeout.toMillis() + 10_000);
            }
            databaseReads = totalDatabaseReads(apis, events) - readsBefore;
            if (events != null) {
                JsonNode functionAfter = events.functionLoads();
                refreshed = functionAfter.path("refreshedAhead").asLong() - functionBefore.path("refreshedAhead").asLong();
                refreshReads = functionAfter.path("databaseReads").asLong() - functionBefore.path("databaseReads").asLong();
            }
            for (ChartApi api : apis) {
                serverStats.put(api.base().getAuthority(), ChartApi.JSON.convertValue(api.stats(), Object.class));
            }
            if (events != null) {
                serverStats.put("candle-invalidation", ChartApi.JSON.convertValue(
                        invalidation.functionStats("candle-invalidation"), Object.class));
                events.close();
            }
        }
        print(report, databaseReads);
        report.section("serverStats", serverStats);
        report.writeJson(out);
        return 0;
    }

    private static Thread thread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Reads of the candle table by the readers and, refreshing ahead, by the invalidation function. */
    private static long totalDatabaseReads(List<ChartApi> apis, Ingestion events) {
        return apis.stream().mapToLong(ChartApi::databaseReads).sum()
                + (events == null ? 0 : events.functionLoads().path("databaseReads").asLong());
    }

    /** One user: chart sessions one after another until the run ends. */
    private void user(List<ChartApi> apis, List<String> names, int user) {
        SplittableRandom random = new SplittableRandom(seed * 31 + user);
        ZipfDistribution popularity = new ZipfDistribution(new Well19937c(seed * 17 + user), names.size(), zipf);
        while (System.nanoTime() < measureEnd) {
            session(apis, names.get(popularity.sample() - 1), random);
        }
    }

    /**
     * Opens a chart (candles and 1-4 indicators), then acts a number of times: pans back, zooms,
     * adds an indicator, returns to the live edge, or refreshes; each change redraws the chart.
     */
    private void session(List<ChartApi> apis, String symbol, SplittableRandom random) {
        if (System.nanoTime() >= measureStart) {
            sessions.incrementAndGet();
        }
        String interval = intervals.get(pickIndex(random, intervals.size() == INTERVAL_WEIGHTS.size()
                ? INTERVAL_WEIGHTS : java.util.Collections.nCopies(intervals.size(), 1)));
        long seconds = Dataset.seconds(interval);
        List<String> shown = new ArrayList<>();
        int wanted = 1 + random.nextInt(4);
        while (shown.size() < wanted) {
            String indicator = pick(random, INDICATORS);
            if (!shown.contains(indicator)) {
                shown.add(indicator);
            }
        }
        int width = 300;
        Long to = null; // null: the live edge (limit=width); else a range panned back
        redraw(apis, random, symbol, interval, shown, width, to, seconds);
        int actions = 3 + random.nextInt(15);
        for (int a = 0; a < actions && System.nanoTime() < measureEnd; a++) {
            Pause.millis(thinkMillis(random));
            int action = random.nextInt(100);
            if (action < 30) {
                long edge = to == null ? Candles.LAST_OPEN : to;
                to = edge - (long) (width * (0.2 + 0.8 * random.nextDouble())) * seconds;
            } else if (action < 50) {
                width = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, random.nextBoolean() ? width * 2 : width / 2));
            } else if (action < 65 && shown.size() < 4) {
                String added = pick(random, INDICATORS);
                if (!shown.contains(added)) {
                    shown.add(added);
                    read(apis, random, indicatorPath(symbol, interval, added, window(width, to, seconds)));
                    continue;
                }
            } else if (action < 80) {
                to = null;
            }
            redraw(apis, random, symbol, interval, shown, width, to, seconds);
        }
    }

    private void redraw(List<ChartApi> apis, SplittableRandom random, String symbol, String interval, List<String> shown,
                        int width, Long to, long seconds) {
        String window = window(width, to, seconds);
        read(apis, random, "/v1/candles/" + symbol + "?interval=" + interval + window);
        for (String indicator : shown) {
            read(apis, random, indicatorPath(symbol, interval, indicator, window));
        }
    }

    private static String window(int width, Long to, long seconds) {
        return to == null ? "&limit=" + width : "&from=" + (to - (long) width * seconds) + "&to=" + to;
    }

    private static String indicatorPath(String symbol, String interval, String indicator, String window) {
        int q = indicator.indexOf('?');
        String name = q < 0 ? indicator : indicator.substring(0, q);
        String params = q < 0 ? "" : "&" + indicator.substring(q + 1);
        return "/v1/indicators/" + symbol + "/" + name + "?interval=" + interval + params + window;
    }

    private void read(List<ChartApi> apis, SplittableRandom random, String path) {
        long sent = System.nanoTime();
        Answer answer = apis.get(random.nextInt(apis.size())).get(path, false);
        if (sent >= measureStart && sent < measureEnd) {
            reads.record(answer);
            readsByLayer.computeIfAbsent(answer.status() == 0 ? answer.statusKey() : answer.xCache(), k -> new Tally())
                    .record(answer);
        }
    }

    /**
     * The live feed: every tick is one simulated minute past the stored history; each fed symbol
     * gets the candle of every interval that opens then, ingested through {@code events} (written,
     * then announced to the invalidation function) or, without it, uploaded with
     * {@code PUT /v1/candles}; either way that symbol and interval are invalidated fleet-wide.
     */
    private void feed(List<ChartApi> apis, Ingestion events, List<String> names) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> fed = names.subList(0, Math.min(feedSymbols, names.size()));
        Map<String, Double> lastClose = new ConcurrentHashMap<>();
        for (String symbol : fed) {
            for (String interval : intervals) {
                lastClose.put(symbol + "/" + interval, new Dataset.Series(symbol, interval, candles).candles().lastClose());
            }
        }
        long tick = (long) (60e9 / feedSpeed);
        // Candles of one tick are ingested in parallel, as SNS invokes the function concurrently.
        ExecutorService pool = Executors.newFixedThreadPool(feedThreads, r -> {
            Thread t = new Thread(r, "feed-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            long next = System.nanoTime();
            for (long minute = 1; System.nanoTime() < measureEnd; minute++) {
                next += tick;
                long openTime = Candles.LAST_OPEN + minute * 60;
                List<Future<?>> done = new ArrayList<>();
                for (String symbol : fed) {
                    for (String interval : intervals) {
                        if (openTime % Dataset.seconds(interval) != 0) {
                            continue;
                        }
                        String key = symbol + "/" + interval;
                        Candles candle = Candles.next(random.nextLong(), openTime, lastClose.get(key));
                        ChartApi reader = apis.get(random.nextInt(apis.size()));
                        done.add(pool.submit(() -> {
                            long sent = System.nanoTime();
                            Answer answer = events != null ? events.ingest(symbol, interval, candle)
                                    : reader.putCandles(symbol, interval, candle);
                            if (answer.status() == 200) {
                                lastClose.put(key, candle.lastClose());
                            }
                            if (sent >= measureStart && sent < measureEnd) {
                                writes.record(answer);
                            }
                        }));
                    }
                }
                for (Future<?> f : done) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("feed failed", e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (System.nanoTime() > next) {
                    // The uploads took longer than a tick: simulated time runs slower than asked.
                    lateTicks.incrementAndGet();
                    next = System.nanoTime();
                }
                Pause.until(next);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private long thinkMillis(SplittableRandom random) {
        double mean = think.toMillis();
        return (long) Math.min(mean * 10, -mean * Math.log(1 - random.nextDouble()));
    }

    private static <T> T pick(SplittableRandom random, List<Weighted<T>> choices) {
        return choices.get(pickIndex(random, choices.stream().map(Weighted::weight).toList())).value();
    }

    private static int pickIndex(SplittableRandom random, List<Integer> weights) {
        int total = weights.stream().mapToInt(Integer::intValue).sum();
        int r = random.nextInt(total);
        for (int i = 0; i < weights.size(); i++) {
            r -= weights.get(i);
            if (r < 0) {
                return i;
            }
        }
        return weights.size() - 1;
    }

    private void print(Report report, long databaseReads) {
        Tally.Summary r = reads.summary();
        Tally.Summary w = writes.summary();
        double seconds = duration.toNanos() / 1e9;
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Double> hitRate = new TreeMap<>();
        r.xCache().forEach((layer, n) -> hitRate.put(layer, n / (double) Math.max(1, r.requests())));
        double dbPerThousand = 1_000.0 * databaseReads / Math.max(1, r.requests());
        result.put("reads", r);
        result.put("readsPerSecond", r.requests() / seconds);
        result.put("shareByXCache", hitRate);
        result.put("databaseReads", databaseReads);
        result.put("databaseReadsPer1000Requests", dbPerThousand);
        result.put("sessions", sessions.get());
        result.put("candleUploads", w);
        result.put("lateTicks", lateTicks.get());
        result.put("refreshedAhead", refreshed);
        result.put("databaseReadsOfRefreshAhead", refreshReads);
        Map<String, Tally.Summary> byLayer = new TreeMap<>();
        readsByLayer.forEach((layer, tally) -> byLayer.put(layer, tally.summary()));
        result.put("readsByXCache", byLayer);
        report.section("workload", result);

        System.out.println(report.heading());
        System.out.println(Report.table(List.of("reads", "req/s", "sessions", "HIT-L1", "HIT-L2", "MISS", "STALE",
                        "DB reads / 1000 req", "p50 ms", "p90 ms", "p99 ms", "max ms", "status"),
                List.of(List.of(Long.toString(r.requests()), Report.fixed(r.requests() / seconds, 0),
                        Long.toString(sessions.get()), percent(hitRate, "HIT-L1"), percent(hitRate, "HIT-L2"),
                        percent(hitRate, "MISS"), percent(hitRate, "STALE"), Report.fixed(dbPerThousand, 1),
                        Report.ms(r.latency().p50Micros()), Report.ms(r.latency().p90Micros()),
                        Report.ms(r.latency().p99Micros()), Report.ms(r.latency().maxMicros()),
                        Tally.Summary.cell(r.statuses())))));
        List<List<String>> rows = new ArrayList<>();
        byLayer.forEach((layer, s) -> rows.add(List.of("GET " + layer, Long.toString(s.requests()),
                Report.ms(s.latency().p50Micros()), Report.ms(s.latency().p90Micros()),
                Report.ms(s.latency().p99Micros()), Report.ms(s.latency().maxMicros()))));
        rows.add(List.of(ingestion.equals("put") ? "PUT candle (+ invalidation)"
                        : "ingest candle (write + event: invalidation" + (refreshAhead ? " + refresh)" : ")"),
                Long.toString(w.requests()), Report.ms(w.latency().p50Micros()),
                Report.ms(w.latency().p90Micros()), Report.ms(w.latency().p99Micros()), Report.ms(w.latency().maxMicros())));
        System.out.println("Latency by where the answer came from:\n");
        System.out.println(Report.table(List.of("answers", "count", "p50 ms", "p90 ms", "p99 ms", "max ms"), rows));
        System.out.printf("database reads: %d in the counted %s (%.1f per 1,000 reads), of which the invalidation "
                        + "function's (refresh-ahead) %d, the readers' %d (%.1f per 1,000 reads); candles ingested: %s; "
                        + "entries refreshed ahead: %d; late feed ticks: %d%n", databaseReads, Durations.format(duration),
                dbPerThousand, refreshReads, databaseReads - refreshReads,
                1_000.0 * (databaseReads - refreshReads) / Math.max(1, r.requests()), Tally.Summary.cell(w.statuses()),
                refreshed, lateTicks.get());
    }

    private static String percent(Map<String, Double> shares, String layer) {
        return Report.fixed(100 * shares.getOrDefault(layer, 0.0), 1) + "%";
    }
}
