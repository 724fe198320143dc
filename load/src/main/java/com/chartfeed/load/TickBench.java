package com.chartfeed.load;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * What one tick of a live market costs a chart, by history length: for one symbol of N one-minute
 * candles, each tick is a one-candle {@code PUT /v1/candles} (a new candle appended, or the last
 * candle updated), then the four requests of a chart (the latest candles, RSI(14), MACD, BBANDS(20)).
 * Measured per tick: the four requests' time, the candle rows PostgreSQL read ({@link CandleRows}),
 * and the bytes Redis sent and received ({@link RedisTraffic}). The cost should not grow with the
 * history: a tick changes one candle.
 */
@Command(name = "TickBench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Per-tick cost of a chart (candles, RSI, MACD, BBANDS) by history length: time, candle rows read, Redis bytes.")
public final class TickBench implements Callable<Integer> {
    private static final String INTERVAL = "1m";

    @Mixin
    ServerOptions serverOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", description = "Attach to a running server instead of starting one")
    URI url;

    @Option(names = "--sizes", split = ",", defaultValue = "1000,10000,100000,1000000",
            description = "History lengths (one-minute candles of one symbol each). Default: ${DEFAULT-VALUE}")
    List<Integer> sizes;

    @Option(names = "--variants", split = ",", defaultValue = "append,update",
            description = "Kinds of tick: 'append' (a new last candle), 'update' (the last candle changed). "
                    + "Default: ${DEFAULT-VALUE}")
    List<String> variants;

    @Option(names = "--warmup-ticks", defaultValue = "5", description = "Unrecorded ticks before each variant. "
            + "Default: ${DEFAULT-VALUE}")
    int warmupTicks;

    @Option(names = "--ticks", defaultValue = "20", description = "Recorded ticks per size and variant. Default: ${DEFAULT-VALUE}")
    int ticks;

    @Option(names = "--limit", defaultValue = "500", description = "Points the chart shows. Default: ${DEFAULT-VALUE}")
    int limit;

    @Option(names = "--settle", defaultValue = "1200ms", description = "Wait after each tick for PostgreSQL's "
            + "statistics (an idle backend publishes its counts a second after its last publication). "
            + "Default: ${DEFAULT-VALUE}")
    Duration settle;

    @Option(names = "--full-settle", defaultValue = "11s", description = "Wait before the first and after the last "
            + "tick of a variant, for the exact total: a backend that published less than a second ago holds its "
            + "counts up to 10 s. Default: ${DEFAULT-VALUE}")
    Duration fullSettle;

    @Option(names = "--seed", defaultValue = "17", description = "Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--out", defaultValue = "target/tick-report.json", description = "Default: ${DEFAULT-VALUE}")
    Path out;

    /** One recorded tick. */
    record Tick(long openTime, double putMs, double chartMs, double[] requestMs, long rowsRead, long rowsWritten,
                long redisOut, long redisIn, List<String> xCache, List<String> statuses, boolean current) {
    }

    /**
     * One size and variant, summarised; the ticks themselves go to the JSON. {@code rowsMean} is
     * exact (all rows read from the first to the last tick, over the ticks); the per-tick figures
     * are as PostgreSQL had published them, so a backend's late counts may land on the next tick.
     */
    record Row(int history, String variant, int ticks, double chartMedianMs, double chartP90Ms, double putMedianMs,
               double rowsMedian, double rowsP90, double rowsMean, double redisOutMedian, double redisInMedian,
               Map<String, Long> xCache, Map<String, Long> statuses, int current, List<Tick> all) {
    }

    public static void main(String[] args) {
        Cli.run(new TickBench(), args);
    }

    @Override
    public Integer call() {
        Report report = new Report("TickBench", spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
        report.setting("sizes", sizes).setting("variants", variants).setting("warmupTicks", warmupTicks)
                .setting("ticks", ticks).setting("limit", limit).setting("settle", Durations.format(settle))
                .setting("serverJvmArgs", serverOptions.serverJvmArgs).setting("redisUri", serverOptions.redisUri);
        for (String v : variants) {
            if (!List.of("append", "update").contains(v)) {
                throw new ParameterException(spec.commandLine(), "--variants: append or update, not " + v);
            }
        }
        if (url != null && !"own".equals(serverOptions.redisUri)) {
            report.note("Redis bytes are those of " + serverOptions.redisUri + ", other clients included");
        }
        if (url != null) {
            report.note("attached to " + url + ": Redis bytes are counted on --redis-uri, which must be the server's Redis");
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Double> firstChartMs = new LinkedHashMap<>();
        try (Stack stack = new Stack(serverOptions); CandleRows pg = new CandleRows(serverOptions)) {
            ChartApi api = stack.api(url != null ? url : stack.startServer("tick-0", Map.of()).uri());
            String redisUri = url != null && "own".equals(serverOptions.redisUri) ? null : stack.redisUri();
            try (RedisTraffic redis = RedisTraffic.connect(redisUri)) {
                System.out.println(report.heading());
                for (int size : sizes) {
                    Dataset.Series series = new Dataset.Series(symbol(size), INTERVAL, size);
                    LongHistories.ensure(serverOptions, api, series);
                    LongHistories.analyze(serverOptions);
                    Candles last = series.candles().last(1);
                    double first = chart(api, series.symbol()).stream().mapToDouble(a -> a.nanos() / 1e6).sum();
                    firstChartMs.put(series.symbol(), first);
                    System.out.printf("%s: %,d candles, first chart (cold) %.1f ms%n", series.symbol(), size, first);
                    SplittableRandom random = new SplittableRandom(seed ^ size);
                    for (String variant : variants) {
                        for (int i = 0; i < warmupTicks; i++) {
                            last = tick(api, series.symbol(), variant, last, random);
                            chart(api, series.symbol());
                        }
                        List<Tick> recorded = new ArrayList<>();
                        CandleRows.Counts phaseStart = pg.read(fullSettle);
                        CandleRows.Counts before = phaseStart;
                        for (int i = 0; i < ticks; i++) {
                            RedisTraffic.Bytes redisBefore = redis == null ? null : redis.read();
                            long start = System.nanoTime();
                            last = tick(api, series.symbol(), variant, last, random);
                            double putMs = (System.nanoTime() - start) / 1e6;
                            List<Answer> answers = chart(api, series.symbol());
                            RedisTraffic.Bytes redisDelta = redis == null ? new RedisTraffic.Bytes(-1, -1)
                                    : redis.read().minus(redisBefore);
                            CandleRows.Counts after = pg.read(settle);
                            CandleRows.Counts delta = after.minus(before);
                            before = after;
                            recorded.add(new Tick(last.openTime(), putMs,
                                    answers.stream().mapToDouble(a -> a.nanos() / 1e6).sum(),
                                    answers.stream().mapToDouble(a -> a.nanos() / 1e6).toArray(), delta.read(),
                                    delta.inserted() + delta.updated(), redisDelta.output(), redisDelta.input(),
                                    answers.stream().map(Answer::xCache).toList(),
                                    answers.stream().map(Answer::statusKey).toList(), shows(answers.get(0), last)));
                        }
                        long total = pg.read(fullSettle).minus(phaseStart).read();
                        Row row = summarise(size, variant, recorded, total);
                        rows.add(row);
                        System.out.println(table(List.of(row)));
                    }
                }
            }
        }
        System.out.println(report.heading());
        System.out.println("First chart after loading (cold: every layer empty), ms: " + firstChartMs + "\n");
        System.out.println(table(rows));
        report.section("firstChartMs", firstChartMs);
        report.section("rows", rows);
        report.writeJson(out);
        return 0;
    }

    static String symbol(int size) {
        if (size % 1_000_000 == 0) {
            return "TB" + size / 1_000_000 + "M";
        }
        return size % 1_000 == 0 ? "TB" + size / 1_000 + "K" : "TB" + size;
    }

    /** The chart's four requests, one after another, as the chart redraws after a tick. */
    private List<Answer> chart(ChartApi api, String symbol) {
        String window = "?interval=" + INTERVAL + "&limit=" + limit;
        return List.of(api.get("/v1/candles/" + symbol + window, true),
                api.get("/v1/indicators/" + symbol + "/rsi" + window + "&period=14", false),
                api.get("/v1/indicators/" + symbol + "/macd" + window, false),
                api.get("/v1/indicators/" + symbol + "/bbands" + window + "&period=20", false));
    }

    /** Sends one tick: a new candle after {@code last}, or {@code last} with a new close; returns the new last candle. */
    private static Candles tick(ChartApi api, String symbol, String variant, Candles last, SplittableRandom random) {
        Candles candle;
        if (variant.equals("append")) {
            candle = Candles.next(random.nextLong(), last.openTime() + Dataset.seconds(INTERVAL), last.lastClose());
        } else {
            double close = Math.round(last.lastClose() * (1 + random.nextGaussian() * 0.001) * 10_000) / 10_000.0;
            candle = Candles.of(last.openTime(), last.open(), Math.max(last.high(), close), Math.min(last.low(), close),
                    close, last.volume() + Math.floor(random.nextDouble() * 1_000));
        }
        Answer answer = api.putCandles(symbol, INTERVAL, candle);
        if (answer.status() != 200) {
            throw new IllegalStateException("PUT answered " + answer.statusKey() + ": " + ChartApi.text(answer));
        }
        return candle;
    }

    /** Whether the candles answer ends with the tick's candle: a chart that does not show it is not current. */
    private static boolean shows(Answer candles, Candles last) {
        if (candles.status() != 200) {
            return false;
        }
        JsonNode body = ChartApi.parse(candles);
        JsonNode t = body.path("t");
        JsonNode c = body.path("c");
        return t.size() > 0 && t.get(t.size() - 1).asLong() == last.openTime()
                && c.get(c.size() - 1).asDouble() == last.lastClose();
    }

    private static Row summarise(int history, String variant, List<Tick> ticks, long rowsTotal) {
        Map<String, Long> xCache = new TreeMap<>();
        Map<String, Long> statuses = new TreeMap<>();
        ticks.forEach(t -> {
            t.xCache().forEach(x -> xCache.merge(x, 1L, Long::sum));
            t.statuses().forEach(s -> statuses.merge(s, 1L, Long::sum));
        });
        double[] rows = ticks.stream().mapToDouble(Tick::rowsRead).toArray();
        return new Row(history, variant, ticks.size(), percentile(ticks.stream().mapToDouble(Tick::chartMs).toArray(), 50),
                percentile(ticks.stream().mapToDouble(Tick::chartMs).toArray(), 90),
                percentile(ticks.stream().mapToDouble(Tick::putMs).toArray(), 50), percentile(rows, 50),
                percentile(rows, 90), rowsTotal / (double) ticks.size(),
                percentile(ticks.stream().mapToDouble(Tick::redisOut).toArray(), 50),
                percentile(ticks.stream().mapToDouble(Tick::redisIn).toArray(), 50), xCache, statuses,
                (int) ticks.stream().filter(Tick::current).count(), ticks);
    }

    /** Nearest-rank percentile: a value that was measured, no interpolation. */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String table(List<Row> rows) {
        List<List<String>> cells = new ArrayList<>();
        for (Row r : rows) {
            cells.add(List.of(String.format(Locale.ROOT, "%,d", r.history()), r.variant(), Integer.toString(r.ticks()),
                    Report.fixed(r.chartMedianMs(), 1), Report.fixed(r.chartP90Ms(), 1), Report.fixed(r.putMedianMs(), 1),
                    String.format(Locale.ROOT, "%,.1f", r.rowsMean()),
                    String.format(Locale.ROOT, "%,.0f", r.rowsMedian()), String.format(Locale.ROOT, "%,.0f", r.rowsP90()),
                    String.format(Locale.ROOT, "%,.0f", r.redisOutMedian()),
                    String.format(Locale.ROOT, "%,.0f", r.redisInMedian()), Tally.Summary.cell(r.xCache()),
                    r.current() + "/" + r.ticks()));
        }
        return Report.table(List.of("history", "tick", "ticks", "4 requests p50 ms", "p90 ms", "PUT p50 ms",
                "candle rows read / tick (exact mean)", "p50", "p90", "Redis bytes out / tick p50", "Redis bytes in p50",
                "X-Cache", "current"), cells);
    }
}
