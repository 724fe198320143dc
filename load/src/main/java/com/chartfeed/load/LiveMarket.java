package com.chartfeed.load;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A live market: every symbol's forming one-minute candle is updated once per {@code --update-every}
 * (a {@code PUT /v1/candles} of the last candle), and every {@code --candle-every} a new candle
 * opens (the PUT appends it), on {@code --servers} servers sharing one Redis and one PostgreSQL,
 * while chart readers poll the symbols (latest candles, RSI, MACD, BBANDS). Reports what the
 * shared stores carry: PostgreSQL candle rows read per second ({@link CandleRows}), Redis bytes
 * per second ({@link RedisTraffic}), and the latency of reads and updates.
 */
@Command(name = "LiveMarket", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Forming-candle updates on many symbols, several servers, chart readers: PostgreSQL rows/s, Redis bytes/s, p99.")
public final class LiveMarket implements Callable<Integer> {
    private static final String INTERVAL = "1m";

    @Mixin
    ServerOptions serverOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--servers", defaultValue = "3", description = "Servers on one Redis and one PostgreSQL. Default: ${DEFAULT-VALUE}")
    int servers;

    @Option(names = "--symbols", defaultValue = "200", description = "Default: ${DEFAULT-VALUE}")
    int symbols;

    @Option(names = "--candles", defaultValue = "1000", description = "Stored one-minute candles per symbol. Default: ${DEFAULT-VALUE}")
    int candles;

    @Option(names = "--update-every", defaultValue = "1s", description = "How often each symbol's forming candle is "
            + "updated. Default: ${DEFAULT-VALUE}")
    Duration updateEvery;

    @Option(names = "--candle-every", defaultValue = "60s", description = "Real time between two candles' opening "
            + "(60s: real time for 1m candles; less to see more appends in a short run). Default: ${DEFAULT-VALUE}")
    Duration candleEvery;

    @Option(names = "--feed-threads", defaultValue = "8", description = "PUTs in flight at most. Default: ${DEFAULT-VALUE}")
    int feedThreads;

    @Option(names = "--readers", defaultValue = "8", description = "Chart readers, each redrawing a chart (4 requests) "
            + "after every pause. Default: ${DEFAULT-VALUE}")
    int readers;

    @Option(names = "--think", defaultValue = "200ms", description = "Mean pause between a reader's charts "
            + "(exponential). Default: ${DEFAULT-VALUE}")
    Duration think;

    @Option(names = "--limit", defaultValue = "500", description = "Points a chart shows. Default: ${DEFAULT-VALUE}")
    int limit;

    @Option(names = "--warmup", defaultValue = "10s", description = "Run before counting. Default: ${DEFAULT-VALUE}")
    Duration warmup;

    @Option(names = "--duration", defaultValue = "60s", description = "Counted run. Default: ${DEFAULT-VALUE}")
    Duration duration;

    @Option(names = "--settle", defaultValue = "11s", description = "Wait for PostgreSQL's statistics after the "
            + "counted run (an idle backend may hold its counts up to 10 s). Default: ${DEFAULT-VALUE}")
    Duration settle;

    @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--out", defaultValue = "target/live-market-report.json", description = "Default: ${DEFAULT-VALUE}")
    Path out;

    private final Tally reads = new Tally();
    private final Tally charts = new Tally();
    private final Tally updates = new Tally();
    private final Tally appends = new Tally();
    private final AtomicLong dropped = new AtomicLong();
    private volatile long measureStart;
    private volatile long measureEnd;

    /** A symbol's forming candle: only the feed thread that holds the symbol's turn changes it. */
    private static final class Forming {
        Candles candle;
        long candleIndex;

        Forming(Candles candle) {
            this.candle = candle;
        }
    }

    public static void main(String[] args) {
        Cli.run(new LiveMarket(), args);
    }

    @Override
    public Integer call() throws InterruptedException {
        Report report = new Report("LiveMarket", spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
        report.setting("servers", servers).setting("symbols", symbols).setting("candles", candles)
                .setting("updateEvery", Durations.format(updateEvery)).setting("candleEvery", Durations.format(candleEvery))
                .setting("feedThreads", feedThreads).setting("readers", readers).setting("think", Durations.format(think))
                .setting("limit", limit).setting("warmup", Durations.format(warmup))
                .setting("duration", Durations.format(duration)).setting("serverJvmArgs", serverOptions.serverJvmArgs);
        List<String> names = Dataset.symbols("LM", symbols);
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Object> serverStats = new LinkedHashMap<>();
        try (Stack stack = new Stack(serverOptions); CandleRows pg = new CandleRows(serverOptions);
             RedisTraffic redis = RedisTraffic.connect(stack.redisUri())) {
            List<ChartApi> apis = new ArrayList<>();
            for (int i = 0; i < servers; i++) {
                apis.add(stack.api(stack.startServer("live-" + i, Map.of()).uri()));
            }
            long loadStart = System.nanoTime();
            Map<String, Forming> forming = new ConcurrentHashMap<>();
            for (String symbol : names) {
                Dataset.Series series = new Dataset.Series(symbol, INTERVAL, candles);
                LongHistories.ensure(serverOptions, apis.get(0), series);
                forming.put(symbol, new Forming(series.candles().last(1)));
            }
            LongHistories.analyze(serverOptions);
            System.out.printf("histories in place in %.1f s%n", (System.nanoTime() - loadStart) / 1e9);
            System.out.println(report.heading());

            long start = System.nanoTime();
            measureStart = start + warmup.toNanos();
            measureEnd = measureStart + duration.toNanos();
            List<Thread> threads = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                int reader = r;
                threads.add(thread("reader-" + r, () -> reader(apis, names, reader)));
            }
            threads.add(thread("feed", () -> feed(apis, names, forming, start)));
            Pause.until(measureStart);
            // The settle delays the reading, not the start: rows read during it count in both readings.
            RedisTraffic.Bytes redisBefore = redis == null ? null : redis.read();
            CandleRows.Counts rowsBefore = pg.read(Duration.ZERO);
            long dbReadsBefore = apis.stream().mapToLong(ChartApi::databaseReads).sum();
            Pause.until(measureEnd);
            RedisTraffic.Bytes redisDelta = redis == null ? null : redis.read().minus(redisBefore);
            long dbReads = apis.stream().mapToLong(ChartApi::databaseReads).sum() - dbReadsBefore;
            for (Thread t : threads) {
                t.join(serverOptions.timeout.toMillis() + 10_000);
            }
            // The first reading does not wait: busy backends publish about every second, so up to a
            // second of the warm-up's rows land in this delta (under 2 % of a 60 s run). The last
            // reading waits for every backend, idle ones too.
            CandleRows.Counts rows = pg.read(settle).minus(rowsBefore);
            double seconds = duration.toNanos() / 1e9;
            result.put("candleRowsRead", rows.read());
            result.put("candleRowsReadPerSecond", rows.read() / seconds);
            result.put("candleRowsWrittenPerSecond", (rows.inserted() + rows.updated()) / seconds);
            result.put("serverDatabaseReads", dbReads);
            result.put("redisBytesOutPerSecond", redisDelta == null ? null : redisDelta.output() / seconds);
            result.put("redisBytesInPerSecond", redisDelta == null ? null : redisDelta.input() / seconds);
            result.put("reads", reads.summary());
            result.put("charts", charts.summary());
            result.put("updates", updates.summary());
            result.put("appends", appends.summary());
            result.put("droppedUpdates", dropped.get());
            for (ChartApi api : apis) {
                serverStats.put(api.base().getAuthority(), ChartApi.JSON.convertValue(api.stats(), Object.class));
            }
            print(report, rows, redisDelta, dbReads, seconds);
        }
        report.section("liveMarket", result);
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

    /** One reader: a chart of a random symbol on a random server, a pause, again, until the run ends. */
    private void reader(List<ChartApi> apis, List<String> names, int reader) {
        SplittableRandom random = new SplittableRandom(seed * 31 + reader);
        String window = "?interval=" + INTERVAL + "&limit=" + limit;
        while (System.nanoTime() < measureEnd) {
            String symbol = names.get(random.nextInt(names.size()));
            ChartApi api = apis.get(random.nextInt(apis.size()));
            long sent = System.nanoTime();
            long chartNanos = 0;
            for (String path : List.of("/v1/candles/" + symbol + window,
                    "/v1/indicators/" + symbol + "/rsi" + window + "&period=14",
                    "/v1/indicators/" + symbol + "/macd" + window,
                    "/v1/indicators/" + symbol + "/bbands" + window + "&period=20")) {
                Answer answer = api.get(path, false);
                chartNanos += answer.nanos();
                if (sent >= measureStart && sent < measureEnd) {
                    reads.record(answer);
                }
            }
            if (sent >= measureStart && sent < measureEnd) {
                charts.record(new Answer(200, Answer.NO_X_CACHE, null, chartNanos, null, null));
            }
            double mean = think.toMillis();
            Pause.millis((long) Math.min(mean * 10, -mean * Math.log(1 - random.nextDouble())));
        }
    }

    /**
     * The feed, open loop: each symbol's update is due at its own slot of every period (symbols
     * spread evenly over it), on a random server. An update that finds {@code --feed-threads} PUTs
     * still in flight is dropped and counted: the service did not keep up with the market.
     */
    private void feed(List<ChartApi> apis, List<String> names, Map<String, Forming> forming, long start) {
        SplittableRandom random = new SplittableRandom(seed);
        ExecutorService pool = Executors.newFixedThreadPool(feedThreads, r -> {
            Thread t = new Thread(r, "feed-worker");
            t.setDaemon(true);
            return t;
        });
        Semaphore inFlight = new Semaphore(feedThreads);
        long period = updateEvery.toNanos();
        try {
            for (long round = 0; System.nanoTime() < measureEnd; round++) {
                for (int i = 0; i < names.size() && System.nanoTime() < measureEnd; i++) {
                    long due = start + round * period + period * i / names.size();
                    Pause.until(due);
                    String symbol = names.get(i);
                    long candleIndex = (due - start) / candleEvery.toNanos();
                    ChartApi api = apis.get(random.nextInt(apis.size()));
                    long step = random.nextLong();
                    if (!inFlight.tryAcquire()) {
                        if (due >= measureStart) {
                            dropped.incrementAndGet();
                        }
                        continue;
                    }
                    pool.execute(() -> {
                        try {
                            update(api, symbol, forming.get(symbol), candleIndex, step, due);
                        } finally {
                            inFlight.release();
                        }
                    });
                }
            }
        } finally {
            pool.shutdown();
            try {
                pool.awaitTermination(serverOptions.timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The forming candle moves (or a new one opens) and is PUT; kept only once the service took it. */
    private void update(ChartApi api, String symbol, Forming state, long candleIndex, long step, long due) {
        synchronized (state) {
            SplittableRandom random = new SplittableRandom(step);
            Candles last = state.candle;
            boolean opens = candleIndex > state.candleIndex;
            Candles next;
            if (opens) {
                next = Candles.next(step, last.openTime() + (candleIndex - state.candleIndex) * Dataset.seconds(INTERVAL),
                        last.lastClose());
            } else {
                double close = Math.round(last.lastClose() * (1 + random.nextGaussian() * 0.001) * 10_000) / 10_000.0;
                next = Candles.of(last.openTime(), last.open(), Math.max(last.high(), close),
                        Math.min(last.low(), close), close, last.volume() + Math.floor(random.nextDouble() * 1_000));
            }
            Answer answer = api.putCandles(symbol, INTERVAL, next);
            if (answer.status() == 200) {
                state.candle = next;
                state.candleIndex = candleIndex;
            }
            if (due >= measureStart && due < measureEnd) {
                (opens ? appends : updates).record(answer);
            }
        }
    }

    private void print(Report report, CandleRows.Counts rows, RedisTraffic.Bytes redis, long dbReads, double seconds) {
        Tally.Summary r = reads.summary();
        Tally.Summary c = charts.summary();
        Tally.Summary u = updates.summary();
        Tally.Summary a = appends.summary();
        System.out.println(report.heading());
        System.out.println(Report.table(List.of("PostgreSQL candle rows read / s", "candle rows written / s",
                        "service DB reads / s", "Redis bytes out / s", "Redis bytes in / s", "reads / s", "updates / s",
                        "dropped updates"),
                List.of(List.of(Report.fixed(rows.read() / seconds, 0),
                        Report.fixed((rows.inserted() + rows.updated()) / seconds, 0), Report.fixed(dbReads / seconds, 1),
                        redis == null ? "-" : Report.fixed(redis.output() / seconds, 0),
                        redis == null ? "-" : Report.fixed(redis.input() / seconds, 0),
                        Report.fixed(r.requests() / seconds, 1), Report.fixed((u.requests() + a.requests()) / seconds, 1),
                        Long.toString(dropped.get())))));
        List<List<String>> latency = new ArrayList<>();
        latency.add(row("GET (each of a chart's 4)", r));
        latency.add(row("chart (4 GETs one after another)", c));
        latency.add(row("PUT forming-candle update", u));
        latency.add(row("PUT new candle", a));
        System.out.println(Report.table(List.of("request", "count", "p50 ms", "p90 ms", "p99 ms", "max ms", "status",
                "X-Cache"), latency));
    }

    private static List<String> row(String name, Tally.Summary s) {
        Map<String, Long> xCache = new TreeMap<>(s.xCache());
        return List.of(name, Long.toString(s.requests()), Report.ms(s.latency().p50Micros()),
                Report.ms(s.latency().p90Micros()), Report.ms(s.latency().p99Micros()), Report.ms(s.latency().maxMicros()),
                Tally.Summary.cell(s.statuses()), Tally.Summary.cell(xCache));
    }
}
