package com.chartfeed.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fault-schedule run's clients, each recording what it did in the {@link History}: writers that
 * upload candles ({@code PUT}) and ingest them (a direct write to PostgreSQL, then a
 * {@code CandlesIngested} event to a server's candle-invalidation function, retried until it is
 * processed, as Lambda retries it), two of them on one (symbol, interval) each time; a writer of
 * new symbols; readers of candles, an indicator and batches; and a poller of the versions in
 * PostgreSQL. Every write is a candle at a time of its own (the next one of its scope), so a read
 * shows which acknowledged writes it holds.
 */
final class CheckWorkload {
    static final String INTERVAL = "1m";
    static final long STEP = 60;
    /** Candles of each scope uploaded before the run: history for the indicator to cover every new one. */
    static final int INITIAL = 100;
    private static final Pattern L2 = Pattern.compile("(?:^|,)\\s*l2;dur=([0-9.]+)");
    private static final int EVENT_ATTEMPTS = 20;
    private static final long EVENT_RETRY_MILLIS = 250;

    /** A server the clients talk to. */
    record Target(String name, URI base, long pid) {
    }

    /** A (symbol, interval) and the index of its next candle; {@code established}: it has the initial history. */
    record Scope(String symbol, boolean established, AtomicLong next) {
    }

    private final List<Target> servers;
    private final HttpClient http;
    private final String adminToken;
    private final Duration timeout;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final History history;
    private final long startNanos;
    private final long base;
    private final int window;
    private final List<Scope> established = new ArrayList<>();
    private final List<Scope> newSymbols = new CopyOnWriteArrayList<>();
    private final String prefix;
    private final AtomicLong ids = new AtomicLong();
    private final List<Thread> writers = new ArrayList<>();
    private final List<Thread> readers = new ArrayList<>();
    private volatile boolean writing = true;
    private volatile boolean reading = true;

    CheckWorkload(List<Target> servers, HttpClient http, String adminToken, Duration timeout, String jdbcUrl,
                  String user, String password, History history, long startNanos, String prefix, int window) {
        this.servers = servers;
        this.http = http;
        this.adminToken = adminToken;
        this.timeout = timeout;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.history = history;
        this.startNanos = startNanos;
        this.prefix = prefix;
        this.window = window;
        this.base = Candles.LAST_OPEN - INITIAL * STEP;
        for (String name : List.of("A", "B", "C")) {
            established.add(new Scope(prefix + name, true, new AtomicLong(INITIAL)));
        }
    }

    List<String> symbols() {
        return established.stream().map(Scope::symbol).toList();
    }

    /** The initial history of each established scope, uploaded through the first server. */
    void upload(long seed) {
        ChartApi api = new ChartApi(http, servers.getFirst().base(), adminToken, timeout);
        for (Scope scope : established) {
            api.upload(scope.symbol(), INTERVAL, Candles.randomWalk(seed + scope.symbol().hashCode(), STEP,
                    base + (INITIAL - 1) * STEP, INITIAL));
        }
    }

    /**
     * A few rounds of every read on every server, not recorded: the checks are about faults, and a
     * cold JVM's first requests (class loading, the interpreter) are slow at everything.
     */
    void warmUp(int rounds) {
        List<Target> all = servers;
        for (int round = 0; round < rounds; round++) {
            for (Target server : all) {
                ChartApi api = new ChartApi(http, server.base(), adminToken, timeout);
                for (Scope scope : established) {
                    api.get("/v1/candles/" + scope.symbol() + "?interval=" + INTERVAL + "&from=" + from(scope), false);
                    api.get("/v1/indicators/" + scope.symbol() + "/sma?interval=" + INTERVAL + "&period=2&from="
                            + from(scope), false);
                }
                api.get("/v1/candles/" + prefix + "NONE?interval=" + INTERVAL, false);
            }
        }
    }

    /** Starts every client; {@code seed} seeds their choices (their timing is the machine's). */
    void start(long seed, int readerCount, Duration think) {
        Scope a = established.get(0);
        Scope b = established.get(1);
        Scope c = established.get(2);
        // Two writers on one (symbol, interval), each time: A by two uploads, B by an upload and an ingestion.
        writers.add(thread("writer-put-a1", () -> writeLoop(a, "put", seed + 1)));
        writers.add(thread("writer-put-a2", () -> writeLoop(a, "put", seed + 2)));
        writers.add(thread("writer-put-b", () -> writeLoop(b, "put", seed + 3)));
        writers.add(thread("writer-ingest-b", () -> writeLoop(b, "ingest", seed + 4)));
        writers.add(thread("writer-ingest-c", () -> writeLoop(c, "ingest", seed + 5)));
        writers.add(thread("writer-new-symbols", () -> newSymbolLoop(seed + 6)));
        for (int i = 0; i < readerCount; i++) {
            long readerSeed = seed + 100 + i;
            readers.add(thread("reader-" + i, () -> readLoop(readerSeed, think)));
        }
        readers.add(thread("version-poller", this::pollVersions));
        readers.add(thread("hiccup-meter", this::meterHiccups));
    }

    /** Stops writing and waits for the writes in flight (an ingestion's event retries included). */
    void stopWriters() throws InterruptedException {
        writing = false;
        for (Thread thread : writers) {
            thread.join(timeout.toMillis() * 3 + EVENT_ATTEMPTS * EVENT_RETRY_MILLIS);
        }
    }

    void stopReaders() throws InterruptedException {
        reading = false;
        for (Thread thread : readers) {
            thread.join(timeout.toMillis() + 2_000);
        }
    }

    private static Thread thread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private long now() {
        return (System.nanoTime() - startNanos) / 1_000;
    }

    // ---------------------------------------------------------------- writers

    private void writeLoop(Scope scope, String kind, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Connection[] connection = {null};
        while (writing) {
            long index = scope.next().getAndIncrement();
            Candles candle = Candles.next(seed * 1_000_003 + index, base + index * STEP, 100 + index * 0.01);
            Target server = servers.get(random.nextInt(servers.size()));
            if (kind.equals("put")) {
                put(scope, server, candle);
            } else {
                connection[0] = ingest(scope, server, candle, connection[0]);
            }
            Pause.millis(150 + random.nextInt(150));
        }
        close(connection[0]);
    }

    private void put(Scope scope, Target server, Candles candle) {
        long id = ids.incrementAndGet();
        long start = now();
        Answer answer = new ChartApi(http, server.base(), adminToken, timeout).putCandles(scope.symbol(), INTERVAL, candle);
        long end = now();
        Boolean fleetWide = null;
        if (answer.status() == 200) {
            fleetWide = ChartApi.parse(answer).path("invalidatedFleetWide").asBoolean();
        }
        history.add(new History.Write(id, "put", server.name(), scope.symbol(), INTERVAL, candle.openTime(),
                candle.lastClose(), start, end, answer.status(), answer.failure(), answer.status() == 200, fleetWide,
                null));
    }

    /** The ingestion service's write, then its event until processed; returns the connection to reuse (null if broken). */
    private Connection ingest(Scope scope, Target server, Candles candle, Connection connection) {
        long id = ids.incrementAndGet();
        long start = now();
        try {
            if (connection == null) {
                connection = DriverManager.getConnection(jdbcUrl, user, password);
            }
            try (PreparedStatement upsert = connection.prepareStatement(Ingestion.UPSERT)) {
                upsert.setString(1, INTERVAL);
                upsert.setLong(2, candle.openTime());
                upsert.setDouble(3, candle.open());
                upsert.setDouble(4, candle.high());
                upsert.setDouble(5, candle.low());
                upsert.setDouble(6, candle.lastClose());
                upsert.setDouble(7, candle.volume());
                upsert.setString(8, scope.symbol());
                upsert.executeUpdate();
            }
        } catch (SQLException e) {
            history.add(new History.Write(id, "ingest", server.name(), scope.symbol(), INTERVAL, candle.openTime(),
                    candle.lastClose(), start, now(), 0, "sql-" + e.getSQLState(), false, null, 0));
            close(connection);
            return null;
        }
        ChartApi api = new ChartApi(http, server.base(), adminToken, timeout);
        byte[] event = Ingestion.snsEvent(scope.symbol(), INTERVAL, candle.openTime());
        Answer answer = null;
        int attempts = 0;
        while (attempts < EVENT_ATTEMPTS) {
            attempts++;
            answer = api.invokeFunction(Ingestion.FUNCTION, event);
            if (answer.status() == 200) {
                break;
            }
            Pause.millis(EVENT_RETRY_MILLIS);
        }
        history.add(new History.Write(id, "ingest", server.name(), scope.symbol(), INTERVAL, candle.openTime(),
                candle.lastClose(), start, now(), answer.status(), answer.failure(), answer.status() == 200, null,
                attempts));
        return connection;
    }

    /** Now and then a symbol nobody has seen, uploaded once: readers ask for it before and after. */
    private void newSymbolLoop(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int n = 0; writing; n++) {
            Pause.millis(1_500 + random.nextInt(2_000));
            Scope scope = new Scope(prefix + "N" + n, false, new AtomicLong(0));
            newSymbols.add(scope);
            // Readers ask for it first (a 404 some container may remember), then it is written.
            Pause.millis(300 + random.nextInt(500));
            long index = scope.next().getAndIncrement();
            put(scope, servers.get(random.nextInt(servers.size())),
                    Candles.next(seed + n, base + index * STEP, 100));
        }
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // A broken connection; a new one is made.
            }
        }
    }

    // ---------------------------------------------------------------- readers

    private void readLoop(long seed, Duration think) {
        SplittableRandom random = new SplittableRandom(seed);
        while (reading) {
            Target server = servers.get(random.nextInt(servers.size()));
            int r = random.nextInt(100);
            if (r < 15 && !newSymbols.isEmpty()) {
                // The newest symbols: one candle each, so only candle reads can show it (an indicator has no point yet).
                Scope scope = newSymbols.get(newSymbols.size() - 1 - random.nextInt(Math.min(3, newSymbols.size())));
                readCandles(server, scope, base);
            } else if (r < 50) {
                Scope scope = established.get(random.nextInt(established.size()));
                readCandles(server, scope, from(scope));
            } else if (r < 75) {
                Scope scope = established.get(random.nextInt(established.size()));
                readIndicator(server, scope, from(scope));
            } else {
                readBatch(server, random);
            }
            Pause.millis(think.toMillis() / 2 + random.nextLong(think.toMillis() + 1));
        }
    }

    private long from(Scope scope) {
        return base + Math.max(0, scope.next().get() - window) * STEP;
    }

    private void readCandles(Target server, Scope scope, long from) {
        String path = "/v1/candles/" + scope.symbol() + "?interval=" + INTERVAL + "&from=" + from + "&limit=5000";
        read(server, "candles", HttpRequest.newBuilder(server.base().resolve(path)).GET(), (status, xCache, body) -> {
            long[] ts = body == null ? new long[0] : longs(body.path("t"));
            double[] close = body == null ? new double[0] : doubles(body.path("c"));
            return List.of(new History.Item(scope.symbol(), INTERVAL, from, status, "STALE".equals(xCache), ts, close));
        });
    }

    private void readIndicator(Target server, Scope scope, long from) {
        String path = "/v1/indicators/" + scope.symbol() + "/sma?interval=" + INTERVAL + "&period=2&from=" + from
                + "&limit=5000";
        read(server, "indicator", HttpRequest.newBuilder(server.base().resolve(path)).GET(), (status, xCache, body) ->
                List.of(new History.Item(scope.symbol(), INTERVAL, from, status, "STALE".equals(xCache),
                        body == null ? new long[0] : longs(body.path("t")), null)));
    }

    private void readBatch(Target server, SplittableRandom random) {
        List<Scope> picked = new ArrayList<>(established);
        picked.remove(random.nextInt(picked.size()));
        Map<Scope, Long> froms = new LinkedHashMap<>();
        List<Map<String, Object>> requests = new ArrayList<>();
        for (Scope scope : picked) {
            long from = from(scope);
            froms.put(scope, from);
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("symbol", scope.symbol());
            request.put("indicator", "sma");
            request.put("interval", INTERVAL);
            request.put("params", Map.of("period", 2));
            request.put("from", from);
            request.put("limit", 5000);
            requests.add(request);
        }
        byte[] json;
        try {
            json = ChartApi.JSON.writeValueAsBytes(Map.of("requests", requests));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        read(server, "batch", HttpRequest.newBuilder(server.base().resolve("/v1/indicators/batch"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json)),
                (status, xCache, body) -> {
                    List<History.Item> items = new ArrayList<>();
                    // Items carry no X-Cache: while meta counts any stale item, none is judged.
                    boolean anyStale = body != null && body.path("meta").path("stale").asInt() > 0;
                    int i = 0;
                    for (Map.Entry<Scope, Long> entry : froms.entrySet()) {
                        JsonNode result = body == null ? null : body.path("results").path(i++);
                        int itemStatus = result == null ? status : result.path("status").asInt();
                        items.add(new History.Item(entry.getKey().symbol(), INTERVAL, entry.getValue(), itemStatus,
                                anyStale, result == null ? new long[0] : longs(result.path("data").path("t")), null));
                    }
                    return items;
                });
    }

    @FunctionalInterface
    private interface ItemReader {
        List<History.Item> items(int status, String xCache, JsonNode body);
    }

    private void read(Target server, String kind, HttpRequest.Builder request, ItemReader itemReader) {
        long id = ids.incrementAndGet();
        long start = now();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            history.add(new History.Read(id, kind, server.name(), start, now(), 0, ChartApi.failureName(e), null, null,
                    List.of()));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long end = now();
        int status = response.statusCode();
        String xCache = response.headers().firstValue("X-Cache").orElse(null);
        Double l2 = response.headers().firstValue("Server-Timing").map(CheckWorkload::l2Millis).orElse(null);
        JsonNode body = null;
        if (status == 200) {
            try {
                body = ChartApi.JSON.readTree(new String(response.body(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                history.add(new History.Read(id, kind, server.name(), start, end, status, "not-json", xCache, l2,
                        List.of()));
                return;
            }
        }
        history.add(new History.Read(id, kind, server.name(), start, end, status, null, xCache, l2,
                itemReader.items(status, xCache, body)));
    }

    static Double l2Millis(String serverTiming) {
        Matcher matcher = L2.matcher(serverTiming);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : null;
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    /** jHiccup's measure: 5 ms sleeps, and how much longer than that each one took, when noticeably. */
    private void meterHiccups() {
        while (reading) {
            long before = System.nanoTime();
            Pause.millis(5);
            double over = (System.nanoTime() - before) / 1e6 - 5;
            if (over >= 10) {
                history.add(new History.Hiccup((before - startNanos) / 1_000, over));
            }
        }
    }

    // ---------------------------------------------------------------- versions

    /** Polls the run's versions in PostgreSQL (directly, never through the faulty proxy); records each change. */
    private void pollVersions() {
        Map<String, Long> last = new HashMap<>();
        Connection connection = null;
        while (reading) {
            try {
                if (connection == null) {
                    connection = DriverManager.getConnection(jdbcUrl, user, password);
                }
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT symbol, \"interval\", version FROM candle_versions WHERE symbol LIKE ?")) {
                    query.setString(1, prefix + "%");
                    long at = now();
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            String scope = rows.getString(1) + "/" + rows.getString(2);
                            long version = rows.getLong(3);
                            Long before = last.put(scope, version);
                            if (before == null || before != version) {
                                history.add(new History.Version(rows.getString(1), rows.getString(2), version, at));
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                close(connection);
                connection = null;
            }
            Pause.millis(50);
        }
        close(connection);
    }
}
