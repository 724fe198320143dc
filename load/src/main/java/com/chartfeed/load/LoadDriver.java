package com.chartfeed.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The end-to-end latency scenarios: starts the local server (or attaches to one), uploads
 * candles through {@code PUT /v1/candles}, then measures each named scenario after a warm-up and
 * prints one Markdown table (and writes JSON): the framework floor, an L1 hit, an L2 hit, cold
 * misses over 2,000 and 20,000 candles, batches of 3 and 10, and 50 concurrent clients.
 */
@Command(name = "LoadDriver", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Latency and throughput of chartfeed's paths, end to end over HTTP.")
public final class LoadDriver implements Callable<Integer> {
    static final List<String> ALL = List.of("floor", "l1-hit", "l2-hit", "cold-miss-2000", "cold-miss-20000",
            "batch-3", "batch-10", "concurrent-50", "lambda");
    private static final String HOT = "LDHOT";
    /** One long series, for a single cached answer as large as a whole batch answer. */
    private static final String BIG = "LDBIG";
    private static final int BIG_CANDLES = 6_000;
    /** The largest {@code limit} docs/api.md allows. */
    private static final int MAX_LIMIT = 5_000;
    private static final String HOT_PATH = "/v1/indicators/" + HOT + "/rsi?interval=1h&limit=500";
    /** Rotated through by the cold scenarios, so a cold row is the average over kernels of different cost. */
    private static final List<String> COLD_INDICATORS = List.of("sma", "ema", "rsi", "macd", "bbands", "atr", "stoch",
            "willr", "cci", "obv", "mfi", "adx", "kama", "tema");
    /** The indicators of the concurrent mix and of cached batches: what charts commonly show. */
    private static final List<Map<String, Object>> MIX = List.of(
            item("sma", Map.of("period", 20)), item("sma", Map.of("period", 50)), item("ema", Map.of("period", 20)),
            item("rsi", Map.of()), item("macd", Map.of()), item("bbands", Map.of("period", 20)),
            item("atr", Map.of()), item("stoch", Map.of()));
    private static final List<String> MIX_INTERVALS = List.of("1h", "1d");

    @Mixin
    ServerOptions serverOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", description = "Attach to a running server instead of starting one (its data is uploaded "
            + "through it: give --admin-token)")
    URI url;

    @Option(names = "--l2-url", description = "With --url: a server on the same Redis whose L1 holds nothing "
            + "(CACHE_L1_MAXIMUM_WEIGHT=0), for l2-hit; without it l2-hit is skipped")
    URI l2Url;

    @Option(names = "--scenarios", split = ",", defaultValue = "floor,l1-hit,l2-hit,cold-miss-2000,cold-miss-20000,"
            + "batch-3,batch-10,concurrent-50,lambda", description = "Which to run, in this order. Default: all: ${DEFAULT-VALUE}")
    List<String> scenarios;

    @Option(names = "--warmup", defaultValue = "5s", description = "Warm-up of each timed scenario. Default: ${DEFAULT-VALUE}")
    Duration warmup;

    @Option(names = "--duration", defaultValue = "20s", description = "Measured time of each timed scenario. Default: ${DEFAULT-VALUE}")
    Duration duration;

    @Option(names = "--clients", defaultValue = "1",
            description = "Concurrent clients of every scenario but concurrent-50. Default: ${DEFAULT-VALUE}")
    int clients;

    @Option(names = "--concurrency", defaultValue = "50", description = "Clients of concurrent-50. Default: ${DEFAULT-VALUE}")
    int concurrency;

    @Option(names = "--cold-requests", defaultValue = "200",
            description = "Measured requests of each cold scenario (each on a symbol of its own). Default: ${DEFAULT-VALUE}")
    int coldRequests;

    @Option(names = "--cold-warmup", defaultValue = "20", description = "Cold requests before measuring. Default: ${DEFAULT-VALUE}")
    int coldWarmup;

    @Option(names = "--cold-cap", defaultValue = "300s", description = "Most time a cold phase may take. Default: ${DEFAULT-VALUE}")
    Duration coldCap;

    @Option(names = "--hot-candles", defaultValue = "2000",
            description = "Candles of each cached series (l1-hit, l2-hit, batches, concurrent). Default: ${DEFAULT-VALUE}")
    int hotCandles;

    @Option(names = "--mix-symbols", defaultValue = "16", description = "Symbols of the concurrent mix. Default: ${DEFAULT-VALUE}")
    int mixSymbols;

    @Option(names = "--upload-threads", defaultValue = "2", description = "Parallel uploads. Default: ${DEFAULT-VALUE}")
    int uploadThreads;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the request mixes. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--out", defaultValue = "target/load-report.json", description = "JSON report. Default: ${DEFAULT-VALUE}")
    Path out;

    private final List<ScenarioResult> results = new ArrayList<>();
    private Report report;

    public static void main(String[] args) {
        Cli.run(new LoadDriver(), args);
    }

    @Override
    public Integer call() {
        for (String name : scenarios) {
            if (!ALL.contains(name)) {
                throw new IllegalArgumentException("unknown scenario " + name + "; known: " + ALL);
            }
        }
        report = new Report("LoadDriver", spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
        report.setting("scenarios", scenarios).setting("warmup", Durations.format(warmup))
                .setting("duration", Durations.format(duration)).setting("clients", clients)
                .setting("concurrency", concurrency).setting("coldRequests", coldRequests)
                .setting("coldWarmup", coldWarmup).setting("hotCandles", hotCandles)
                .setting("serverJvmArgs", serverOptions.serverJvmArgs)
                .setting("redis", url == null ? serverOptions.redisUri : "attached")
                .setting("postgres", url == null ? serverOptions.postgresUrl : "attached");
        try (Stack stack = new Stack(serverOptions)) {
            ChartApi main;
            ChartApi l2 = null;
            if (url == null) {
                // The lambda scenario sends its requests to the handlers behind the Invoke API.
                main = stack.api(stack.startServer("server-a", scenarios.contains("lambda")
                        ? Map.of("LOCAL_LAMBDA_ENDPOINT_ENABLED", "true") : Map.of()).uri());
                if (scenarios.contains("l2-hit")) {
                    // L1 weight 0: Caffeine keeps nothing, so every answer of this server comes from Redis.
                    l2 = stack.api(stack.startServer("server-b-no-l1", Map.of("CACHE_L1_MAXIMUM_WEIGHT", "0")).uri());
                }
            } else {
                main = stack.api(url);
                l2 = l2Url == null ? null : stack.api(l2Url);
            }
            // Through the other server when there is one: the measured server then learns of the
            // cold symbols the way a container of the fleet does, by reading them.
            ChartApi uploader = l2 != null ? l2 : main;
            uploadHotData(uploader);
            System.out.println(report.heading());
            for (String scenario : scenarios) {
                run(scenario, main, l2, uploader);
            }
        }
        printTables();
        report.section("scenarios", results);
        report.writeJson(out);
        return 0;
    }

    private void run(String scenario, ChartApi main, ChartApi l2, ChartApi uploader) {
        switch (scenario) {
            case "floor" -> floor(main);
            case "l1-hit" -> l1Hit(main);
            case "l2-hit" -> l2Hit(main, l2);
            case "cold-miss-2000" -> cold(main, uploader, "cold-miss-2000", "LDC2K", 2_000);
            case "cold-miss-20000" -> cold(main, uploader, "cold-miss-20000", "LDC20K", 20_000);
            case "batch-3" -> batch(main, uploader, 3);
            case "batch-10" -> batch(main, uploader, 10);
            case "concurrent-50" -> concurrent(main);
            case "lambda" -> lambda(main);
            default -> throw new IllegalArgumentException(scenario);
        }
    }

    private void uploadHotData(ChartApi api) {
        List<Dataset.Series> series = new ArrayList<>();
        series.add(new Dataset.Series(HOT, "1h", hotCandles));
        if (scenarios.stream().anyMatch(s -> s.startsWith("batch-") || s.equals("lambda"))) {
            series.add(new Dataset.Series(BIG, "1h", BIG_CANDLES));
        }
        for (String symbol : mixSymbols()) {
            for (String interval : MIX_INTERVALS) {
                series.add(new Dataset.Series(symbol, interval, hotCandles));
            }
        }
        Dataset.upload(api, series, uploadThreads);
    }

    private List<String> mixSymbols() {
        return Dataset.symbols("LDMIX", mixSymbols);
    }

    /**
     * The health route pings Redis and PostgreSQL on every call, so it is "a route with two round
     * trips", not a floor. The cheapest route without cache or database is a request rejected by
     * the symbol check (400): HTTP, Netty, routing, parsing, problem+json. It takes Micronaut's
     * exception-handler path, which is not free: compare it with l1-hit-304 (happy path, an
     * in-memory L1 lookup, no body); the floor is the lower of the two.
     */
    private void floor(ChartApi api) {
        measure("floor-400", api, "GET /v1/indicators/-bad/sma?interval=1h: routed, rejected by the symbol check, "
                        + "problem+json; no cache, no I/O, but Micronaut's exception-handler path",
                t -> api.get("/v1/indicators/-bad/sma?interval=1h", false), "status 400", "400");
        measure("floor-health", api, "GET /v1/cache/health: a Redis PING (when configured) and a PostgreSQL ping per call",
                t -> api.get("/v1/cache/health", false), "status 200", "200");
    }

    private void l1Hit(ChartApi api) {
        api.get(HOT_PATH, false);
        measure("l1-hit", api, "GET " + HOT_PATH + " repeated: a 500-point RSI series from L1, sliced and serialised",
                t -> api.get(HOT_PATH, false), "X-Cache HIT-L1", "HIT-L1");
        String etag = api.get(HOT_PATH, false).etag();
        measure("l1-hit-304", api, "the same with If-None-Match: the L1 hit without building or sending the body",
                t -> api.get(HOT_PATH, false, "If-None-Match", etag), "status 304", "304");
    }

    private void l2Hit(ChartApi main, ChartApi l2) {
        if (l2 == null) {
            report.note("l2-hit skipped: attached with --url and no --l2-url");
            return;
        }
        // One miss on the normal server computes the series and stores it in Redis.
        main.get(HOT_PATH, false);
        measure("l2-hit", l2, "GET " + HOT_PATH + " on a second server on the same Redis whose L1 holds nothing "
                        + "(CACHE_L1_MAXIMUM_WEIGHT=0): one MGET of generation and value, decode, slice",
                t -> l2.get(HOT_PATH, false), "X-Cache HIT-L2", "HIT-L2");
    }

    /**
     * Each request reads a symbol nothing has read before (uploaded just before, which also
     * invalidates anything an earlier run left in Redis): a miss in L1 and L2, one range read of
     * the candles, the kernel over all of them, and the store into L1 and Redis.
     */
    private void cold(ChartApi api, ChartApi uploader, String name, String prefix, int candles) {
        List<String> symbols = Dataset.symbols(prefix, coldWarmup + coldRequests);
        Dataset.upload(uploader, symbols.stream().map(s -> new Dataset.Series(s, "1h", candles)).toList(), uploadThreads);
        ClosedLoop.Run run = ClosedLoop.run(clients, ClosedLoop.Phase.count(coldWarmup, coldCap),
                ClosedLoop.Phase.count(coldRequests, coldCap), ticket -> ticket >= symbols.size() ? null
                        : api.get("/v1/indicators/" + symbols.get((int) ticket) + "/"
                        + COLD_INDICATORS.get((int) (ticket % COLD_INDICATORS.size())) + "?interval=1h&limit=500", false));
        add(ScenarioResult.of(name, label(api), clients, "each request a symbol never read before, " + candles
                        + " 1h candles, limit=500; indicators rotate over " + COLD_INDICATORS, run, "X-Cache MISS",
                ScenarioResult.share(run.tally().summary().xCache(), "MISS")));
    }

    /**
     * Batches per docs/api.md. Cached: k charted series already in L1, in one request. Cold: one
     * symbol never read before with k indicators, as a chart opening on a new symbol asks for
     * them: one candle read shared by k kernels.
     */
    private void batch(ChartApi api, ChartApi uploader, int size) {
        Answer probe = api.postJson("/v1/indicators/batch", batchBody(cachedItems(size, 0)), true);
        if (probe.status() == 404) {
            report.note("batch-" + size + " skipped: POST /v1/indicators/batch answered 404 (the route is not on this server yet)");
            return;
        }
        if (probe.status() != 200) {
            report.note("batch-" + size + " skipped: POST /v1/indicators/batch answered " + probe.statusKey() + ": "
                    + ChartApi.text(probe));
            return;
        }
        for (int variant = 0; variant < 8; variant++) {
            api.postJson("/v1/indicators/batch", batchBody(cachedItems(size, variant)), false);
        }
        ClosedLoop.Run cached = ClosedLoop.run(clients, ClosedLoop.Phase.time(warmup), ClosedLoop.Phase.time(duration),
                t -> api.postJson("/v1/indicators/batch", batchBody(cachedItems(size, (int) (t % 8))), true),
                (answer, tally) -> countItems(answer, tally, size));
        add(ScenarioResult.of("batch-" + size, label(api), clients, size + " cached series (" + MIX_INTERVALS
                        + " of the mix symbols) in one POST, 8 bodies in turn", cached, "item X-Cache HIT-L1",
                ScenarioResult.share(cached.tally().summary().xCache(), "item-HIT-L1")));
        sameBytes(api, "batch-" + size, probe.body().length);

        List<String> symbols = Dataset.symbols("LDB" + size + "C", coldWarmup + coldRequests);
        Dataset.upload(uploader, symbols.stream().map(s -> new Dataset.Series(s, "1h", 2_000)).toList(), uploadThreads);
        ClosedLoop.Run cold = ClosedLoop.run(clients, ClosedLoop.Phase.count(coldWarmup, coldCap),
                ClosedLoop.Phase.count(coldRequests, coldCap), ticket -> ticket >= symbols.size() ? null
                        : api.postJson("/v1/indicators/batch", batchBody(coldItems(symbols.get((int) ticket), size)), true),
                (answer, tally) -> countItems(answer, tally, size));
        add(ScenarioResult.of("batch-" + size + "-cold", label(api), clients, "one symbol never read before (2,000 1h "
                        + "candles) with " + size + " indicators in one POST", cold, "item X-Cache MISS",
                ScenarioResult.share(cold.tally().summary().xCache(), "item-MISS")));
    }

    /**
     * One cached series whose answer is as large as the batch's: what the batch's bytes alone
     * cost to write and send. The batch minus this is what answering in one request costs.
     */
    private void sameBytes(ChartApi api, String batch, int bytes) {
        String path = bigPath(bytes, p -> api.get(p, true));
        api.get(path, false);
        measure(batch + "-bytes-in-one", api, "GET " + path + " repeated: one cached series whose answer is as "
                        + "large as the " + batch + " answer (" + bytes / 1024 + " KB)",
                t -> api.get(path, false), "X-Cache HIT-L1", "HIT-L1");
    }

    /** The path of an LDBIG MACD window whose answer is about {@code bytes} long. */
    private static String bigPath(int bytes, Function<String, Answer> get) {
        int limit = 1_000;
        for (int step = 0; step < 3; step++) {
            String path = "/v1/indicators/" + BIG + "/macd?interval=1h&limit=" + limit;
            Answer answer = get.apply(path);
            if (answer.status() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + answer.statusKey());
            }
            limit = (int) Math.max(1, Math.min(MAX_LIMIT, Math.round((double) limit * bytes / answer.body().length)));
        }
        return "/v1/indicators/" + BIG + "/macd?interval=1h&limit=" + limit;
    }

    /**
     * l1-hit, batch-10 and batch-10-bytes-in-one again, through the real Lambda handlers
     * (IndicatorFunction, BatchFunction) on API Gateway events, over the local Invoke API: the
     * production path, with its proxy response written as JSON the way the Lambda runtime's
     * serializer writes it, minus the gateway and the Lambda service. Each function is a
     * container of its own with its own L1, filled by the first requests.
     */
    private void lambda(ChartApi api) {
        String where = "lambda:" + label(api);
        byte[] hot = HttpApiEvents.get(HOT_PATH);
        Answer probe = api.invokeHttp("indicator", hot);
        if (probe.status() == 404 || probe.failure() != null) {
            report.note("lambda skipped: the Invoke API answered " + probe.statusKey()
                    + " (start the server with LOCAL_LAMBDA_ENDPOINT_ENABLED=true)");
            return;
        }
        api.invokeHttp("indicator", hot);
        measure("lambda-l1-hit", where, "l1-hit through IndicatorFunction: an API Gateway event for GET " + HOT_PATH,
                t -> api.invokeHttp("indicator", hot), "X-Cache HIT-L1", "HIT-L1");

        int size = 10;
        byte[][] events = new byte[8][];
        for (int variant = 0; variant < events.length; variant++) {
            events[variant] = HttpApiEvents.postJson("/v1/indicators/batch", batchBody(cachedItems(size, variant)));
            api.invokeHttp("batch", events[variant]);
        }
        Answer batchAnswer = api.invokeHttp("batch", events[0]);
        ClosedLoop.Run batch = ClosedLoop.run(clients, ClosedLoop.Phase.time(warmup), ClosedLoop.Phase.time(duration),
                t -> api.invokeHttp("batch", events[(int) (t % events.length)]),
                (answer, tally) -> countItems(answer, tally, size));
        add(ScenarioResult.of("lambda-batch-" + size, where, clients, "batch-" + size + " through BatchFunction: "
                        + "an API Gateway event for POST /v1/indicators/batch, 8 bodies in turn", batch,
                "item X-Cache HIT-L1", ScenarioResult.share(batch.tally().summary().xCache(), "item-HIT-L1")));

        String path = bigPath(batchAnswer.body().length, p -> api.invokeHttp("indicator", HttpApiEvents.get(p)));
        byte[] big = HttpApiEvents.get(path);
        api.invokeHttp("indicator", big);
        measure("lambda-batch-" + size + "-bytes-in-one", where, "GET " + path + " through IndicatorFunction: one "
                        + "cached series as large as the lambda-batch-" + size + " answer ("
                        + batchAnswer.body().length / 1024 + " KB)",
                t -> api.invokeHttp("indicator", big), "X-Cache HIT-L1", "HIT-L1");
    }

    private List<Map<String, Object>> cachedItems(int size, int variant) {
        List<String> symbols = mixSymbols();
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            int n = variant * size + i;
            Map<String, Object> item = new LinkedHashMap<>(MIX.get(n % MIX.size()));
            item.put("symbol", symbols.get((n / MIX.size()) % symbols.size()));
            item.put("interval", MIX_INTERVALS.get(n % MIX_INTERVALS.size()));
            item.put("limit", 500);
            items.add(item);
        }
        return items;
    }

    private static List<Map<String, Object>> coldItems(String symbol, int size) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("symbol", symbol);
            item.put("indicator", COLD_INDICATORS.get(i % COLD_INDICATORS.size()));
            item.put("interval", "1h");
            item.put("params", Map.of());
            item.put("limit", 500);
            items.add(item);
        }
        return items;
    }

    private static Map<String, Object> item(String indicator, Map<String, Object> params) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("indicator", indicator);
        item.put("params", params);
        return item;
    }

    private static byte[] batchBody(List<Map<String, Object>> items) {
        try {
            return ChartApi.JSON.writeValueAsBytes(Map.of("requests", items));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A batch has one status for all items; what each item was is in {@code meta}, read from the
     * end of the answer. Every item {@code meta} counts as served (L1, L2, miss or stale) is a
     * 200; only when fewer than {@code items} were served is the whole answer read for the other
     * items' statuses. Reading all of a 200 KB answer per request (a tree, or even just its
     * tokens) made the driver's own garbage and cache misses part of the latency it measured:
     * batch-10's p50 went from 1.46 ms to 0.67 ms on the same build when the tree was dropped.
     */
    static void countItems(Answer answer, Tally tally, int items) {
        if (answer.status() != 200 || answer.body() == null) {
            return;
        }
        JsonNode meta = meta(answer);
        long served = 0;
        for (String[] source : new String[][]{{"l1Hits", "item-HIT-L1"}, {"l2Hits", "item-HIT-L2"},
                {"misses", "item-MISS"}, {"stale", "item-STALE"}}) {
            long count = meta.path(source[0]).asLong();
            tally.countXCache(source[1], count);
            served += count;
        }
        if (served == items) {
            tally.countStatus("item-200", items);
            return;
        }
        try (JsonParser parser = ChartApi.JSON.createParser(answer.body())) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean results = parser.currentName().equals("results");
                parser.nextToken();
                while (results && parser.nextToken() == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        boolean status = parser.currentName().equals("status");
                        parser.nextToken();
                        if (status) {
                            tally.countStatus("item-" + parser.getText(), 1);
                        }
                        parser.skipChildren();
                    }
                }
                parser.skipChildren();
            }
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + ChartApi.text(answer), e);
        }
    }

    /** The answer's {@code "meta":{...}}, its last member. */
    private static JsonNode meta(Answer answer) {
        byte[] body = answer.body();
        byte[] key = "\"meta\":".getBytes(StandardCharsets.US_ASCII);
        for (int at = body.length - key.length; at >= 0; at--) {
            if (Arrays.equals(body, at, at + key.length, key, 0, key.length)) {
                try {
                    return ChartApi.JSON.readTree(ChartApi.JSON.createParser(body, at + key.length,
                            body.length - at - key.length));
                } catch (IOException e) {
                    break;
                }
            }
        }
        throw new IllegalStateException("no meta: " + ChartApi.text(answer));
    }

    /**
     * {@code concurrency} clients on cached series of the mix symbols: indicators 85 %, candles
     * 15 %, windows that a chart asks for (the latest 100..1000 points, or a range panned back).
     * Every series is read once before, so what is measured is the cached path under contention.
     */
    private void concurrent(ChartApi api) {
        List<String> symbols = mixSymbols();
        for (String symbol : symbols) {
            for (String interval : MIX_INTERVALS) {
                api.get("/v1/candles/" + symbol + "?interval=" + interval, false);
                for (Map<String, Object> item : MIX) {
                    api.get(indicatorPath(symbol, interval, item, "&limit=500"), false);
                }
            }
        }
        ClosedLoop.Run run = ClosedLoop.run(concurrency, ClosedLoop.Phase.time(warmup), ClosedLoop.Phase.time(duration),
                ticket -> api.get(mixRequest(new SplittableRandom(seed * 0x9E3779B97F4A7C15L + ticket), symbols), false));
        Tally.Summary summary = run.tally().summary();
        long errors = summary.statuses().entrySet().stream()
                .filter(e -> !e.getKey().equals("200")).mapToLong(Map.Entry::getValue).sum();
        add(ScenarioResult.of("concurrent-" + concurrency, label(api), concurrency, "cached mix over " + symbols.size()
                        + " symbols x " + MIX_INTERVALS + " x " + MIX.size() + " indicators + candles; " + errors
                        + " answers not 200", run, "X-Cache HIT-L1",
                ScenarioResult.share(summary.xCache(), "HIT-L1")));
    }

    private String mixRequest(SplittableRandom random, List<String> symbols) {
        String symbol = symbols.get(random.nextInt(symbols.size()));
        String interval = MIX_INTERVALS.get(random.nextInt(MIX_INTERVALS.size()));
        String window;
        if (random.nextInt(10) < 7) {
            window = "&limit=" + List.of(100, 200, 300, 500, 1000).get(random.nextInt(5));
        } else {
            long seconds = Dataset.seconds(interval);
            long to = Candles.LAST_OPEN - random.nextInt(Math.max(1, hotCandles / 2)) * seconds;
            window = "&from=" + (to - (100 + random.nextInt(400)) * seconds) + "&to=" + to;
        }
        if (random.nextInt(100) < 15) {
            return "/v1/candles/" + symbol + "?interval=" + interval + window;
        }
        return indicatorPath(symbol, interval, MIX.get(random.nextInt(MIX.size())), window);
    }

    @SuppressWarnings("unchecked")
    private static String indicatorPath(String symbol, String interval, Map<String, Object> item, String window) {
        StringBuilder path = new StringBuilder("/v1/indicators/").append(symbol).append('/')
                .append(item.get("indicator")).append("?interval=").append(interval);
        ((Map<String, Object>) item.get("params")).forEach((k, v) -> path.append('&').append(k).append('=').append(v));
        return path.append(window).toString();
    }

    private void measure(String name, ChartApi api, String method, ClosedLoop.Call call, String expected, String key) {
        measure(name, label(api), method, call, expected, key);
    }

    /** {@code call} timed as one row named {@code name}, of the server {@code where}. */
    private void measure(String name, String where, String method, ClosedLoop.Call call, String expected, String key) {
        ClosedLoop.Run run = ClosedLoop.run(clients, ClosedLoop.Phase.time(warmup), ClosedLoop.Phase.time(duration), call);
        Tally.Summary summary = run.tally().summary();
        double share = key.chars().allMatch(Character::isDigit)
                ? summary.statuses().getOrDefault(key, 0L) / (double) Math.max(1, summary.requests())
                : ScenarioResult.share(summary.xCache(), key);
        add(ScenarioResult.of(name, where, clients, method, run, expected, share));
    }

    private void add(ScenarioResult result) {
        results.add(result);
        System.out.println(Report.table(ScenarioResult.HEADER, List.of(result.row())));
    }

    private static String label(ChartApi api) {
        return api.base().getAuthority();
    }

    /** Each of {@code rows} over the {@code reference} row of the same run, when there is one. */
    private static void relativeTable(String reference, List<ScenarioResult> rows) {
        ScenarioResult base = rows.stream().filter(r -> r.name().equals(reference)).findFirst().orElse(null);
        if (base == null) {
            return;
        }
        List<List<String>> table = new ArrayList<>();
        for (ScenarioResult r : rows) {
            table.add(List.of(r.name(), Report.fixed(r.latencyMicros().p50Micros() / base.latencyMicros().p50Micros(), 2),
                    Report.fixed(r.latencyMicros().p99Micros() / base.latencyMicros().p99Micros(), 2)));
        }
        System.out.println("Relative to " + reference + ", same run:\n");
        System.out.println(Report.table(List.of("scenario", "p50 / " + reference + " p50", "p99 / " + reference + " p99"), table));
    }

    private void printTables() {
        System.out.println("\n" + report.heading());
        System.out.println(Report.table(ScenarioResult.HEADER, results.stream().map(ScenarioResult::row).toList()));
        relativeTable("l1-hit", results.stream().filter(r -> !r.name().startsWith("lambda-")).toList());
        relativeTable("lambda-l1-hit", results.stream().filter(r -> r.name().startsWith("lambda-")).toList());
        System.out.println("Scenarios:");
        for (ScenarioResult r : results) {
            System.out.println("- " + r.name() + ": " + r.method());
        }
        System.out.println("\nLatency is per request as the client saw it (send to last body byte), closed loop; "
                + "counts are by HTTP status and X-Cache header (item-* for the items of a batch).");
    }
}
