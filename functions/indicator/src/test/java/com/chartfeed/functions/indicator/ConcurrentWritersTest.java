package com.chartfeed.functions.indicator;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.Csv;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestSchema;
import com.chartfeed.testing.TestServices;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static com.chartfeed.testing.FunctionHarness.header;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two uploads to one (symbol, interval), the first stalled by PostgreSQL right after it took its
 * version (as a GC pause, a throttled Lambda vCPU or a lock wait would): containers A and B on one
 * Redis and one PostgreSQL, each upload through one of them. Whatever the second upload does
 * meanwhile (finish, or wait for the first), and whatever A and B cache meanwhile, the version in
 * PostgreSQL only goes up, and a read more than the staleness budget after both acknowledgements
 * includes both candles, through either container.
 *
 * <p>The stall is a trigger on {@code candle_versions} that, once, waits on an advisory lock this
 * test holds, when a row is given a version: the test sees the upload waiting in {@code pg_locks}
 * before it goes on. Trigger and tables are in a schema of the test's own, dropped afterwards.
 */
class ConcurrentWritersTest {
    private static final long BUDGET_MILLIS = 1_000;
    private static final long SLACK_MILLIS = 200;
    /** The advisory lock's first key; the second is drawn per test, so no other test can hold it. */
    private static final int LOCK_CLASS = 16_001;

    private final int lockKey = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
    private final ExecutorService uploads = Executors.newFixedThreadPool(2);
    private TestSchema schema;
    private Connection test;
    private FunctionHarness<IndicatorFunction> a;
    private FunctionHarness<IndicatorFunction> b;

    @BeforeEach
    void start() throws SQLException {
        schema = TestSchema.create("writers");
        Map<String, Object> fleet = Map.of("datasources.default.url", schema.url(),
                "redis.uri", TestServices.redisUri(),
                "cache.staleness-budget", BUDGET_MILLIS + "ms",
                // Roomier than production's 50 ms: this test is about ordering, on a loaded CI machine.
                "cache.redis-command-timeout", "250ms",
                // The overtaking upload may wait for the stalled one's row lock while this test reads.
                "candles.database.lock-timeout", "30s");
        a = new FunctionHarness<>(IndicatorFunction::new, fleet);
        b = new FunctionHarness<>(IndicatorFunction::new, fleet);
        test = schema.connect();
    }

    @AfterEach
    void stop() throws SQLException {
        uploads.shutdownNow();
        test.close();
        a.close();
        b.close();
        schema.close();
    }

    @Test
    void anUploadStalledAfterTakingItsVersionIsNeitherOvertakenNorLost() throws Exception {
        String symbol = TestServices.uniqueSymbol("ORDER");
        CandleColumns history = TestCandles.randomWalk(symbol, Interval.H1, 100, 50);
        assertEquals(200, a.putCsv(symbol, "1h", Csv.of(history)).getStatusCode());
        long first = history.t()[history.size() - 1] + 3_600;
        long second = first + 3_600;
        long before = version(symbol);

        installStall(symbol);
        Future<Long> stalled = uploads.submit(() -> upload(a, symbol, first));
        await("the first upload waits on the test's advisory lock", this::stalledOnAdvisoryLock);
        Future<Long> overtaking = uploads.submit(() -> upload(b, symbol, second));
        await("the second upload is done or waits for the first",
                () -> overtaking.isDone() || waitingForRowLock());
        // Both containers learn what is committed now and cache it.
        long during = version(symbol);
        for (FunctionHarness<IndicatorFunction> container : List.of(a, b)) {
            assertEquals(200, read(container, symbol).getStatusCode());
        }

        execute("SELECT pg_advisory_unlock(" + LOCK_CLASS + ", " + lockKey + ")");
        long acknowledged = Math.max(stalled.get(30, TimeUnit.SECONDS), overtaking.get(30, TimeUnit.SECONDS));
        long after = version(symbol);

        Thread.sleep(Math.max(0, acknowledged + BUDGET_MILLIS + SLACK_MILLIS - System.currentTimeMillis()));
        assertAll(
                () -> assertServesBoth(a, "A", symbol, first, second),
                () -> assertServesBoth(b, "B", symbol, first, second),
                () -> assertTrue(before <= during && during <= after,
                        "versions went " + before + " -> " + during + " -> " + after + ": never back"),
                () -> assertTrue(after >= before + 2, "each upload took a version of its own: " + before + " -> " + after));
    }

    /** PUTs one candle at {@code time}; when it was acknowledged (epoch ms). */
    private static long upload(FunctionHarness<IndicatorFunction> container, String symbol, long time) {
        APIGatewayV2HTTPResponse put = container.putCsv(symbol, "1h",
                "time,open,high,low,close,volume\n" + time + ",50,51,49,50.5,7\n");
        long at = System.currentTimeMillis();
        assertEquals(200, put.getStatusCode(), put.getBody());
        return at;
    }

    private static APIGatewayV2HTTPResponse read(FunctionHarness<IndicatorFunction> container, String symbol) {
        return container.get("/v1/candles/" + symbol + "?interval=1h");
    }

    private static void assertServesBoth(FunctionHarness<IndicatorFunction> container, String name, String symbol,
                                         long first, long second) {
        APIGatewayV2HTTPResponse response = read(container, symbol);
        assertEquals(200, response.getStatusCode(), response.getBody());
        String cache = header(response, "X-Cache");
        assertNotEquals("STALE", cache);
        List<?> times = (List<?>) container.body(response).get("t");
        List<Long> last = times.subList(Math.max(0, times.size() - 2), times.size()).stream()
                .map(t -> ((Number) t).longValue()).toList();
        assertEquals(List.of(first, second), last, name + " answered " + cache + " without an acknowledged candle");
    }

    /** Once, the first time a row of {@code symbol} is given a version, waits for the test's advisory lock. */
    private void installStall(String symbol) throws SQLException {
        execute("SELECT pg_advisory_lock(" + LOCK_CLASS + ", " + lockKey + ")");
        execute("CREATE TABLE stall_once (symbol VARCHAR(20) PRIMARY KEY)");
        execute("INSERT INTO stall_once VALUES ('" + symbol + "')");
        // SKIP LOCKED: a second writer must not queue behind the first one's delete of the row.
        execute("""
                CREATE FUNCTION stall_once() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.version > 0 THEN
                        DELETE FROM stall_once WHERE ctid IN
                            (SELECT ctid FROM stall_once WHERE symbol = NEW.symbol FOR UPDATE SKIP LOCKED);
                        IF FOUND THEN
                            PERFORM pg_advisory_xact_lock(%d, %d);
                        END IF;
                    END IF;
                    RETURN NEW;
                END $$""".formatted(LOCK_CLASS, lockKey));
        execute("CREATE TRIGGER stall_once BEFORE INSERT OR UPDATE ON candle_versions "
                + "FOR EACH ROW EXECUTE FUNCTION stall_once()");
    }

    private boolean stalledOnAdvisoryLock() {
        return count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                + "AND classid = " + LOCK_CLASS + " AND objid = " + lockKey) > 0;
    }

    /** Whether a write of a version waits for a row (the stalled upload's). */
    private boolean waitingForRowLock() {
        return count("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity s ON s.pid = l.pid "
                + "WHERE NOT l.granted AND l.locktype IN ('transactionid', 'tuple') "
                + "AND s.datname = current_database() AND s.query ILIKE '%candle_version%'") > 0;
    }

    private long version(String symbol) throws SQLException {
        try (PreparedStatement select = test.prepareStatement(
                "SELECT version FROM candle_versions WHERE symbol = ? AND \"interval\" = '1h'")) {
            select.setString(1, symbol);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    private long count(String sql) {
        try (Statement statement = test.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = test.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                .until(condition::getAsBoolean);
    }
}
