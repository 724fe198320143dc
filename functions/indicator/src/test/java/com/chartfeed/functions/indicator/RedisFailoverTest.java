package com.chartfeed.functions.indicator;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.Csv;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.RedisServerProcess;
import com.chartfeed.testing.TcpProxy;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A failover must not pin an older version. A master and a replica ({@code REPLICAOF} through a
 * proxy), both {@code redis-server}s of the test's own; the replication link goes silent (a
 * partition: the master still counts its replica), the replica is promoted and the fleet's endpoint
 * moves to it. A reader re-seeds the new master with the version it read from PostgreSQL; then the
 * writer, still on the old master, publishes a newer version there, which the new master never
 * gets. Unless that version stays recorded as unpublished (its replicas did not confirm it), the
 * new master holds the older version, stamped as its own, and the fleet serves the older candles as
 * current until the TTL. With it, a repair publishes it to the new master, and readers answer with
 * the new candle within the budget.
 */
class RedisFailoverTest {
    private static final long BUDGET_MILLIS = 1_000;
    private static final Pattern RUN_ID = Pattern.compile("run_id:([0-9a-f]+)");

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @Test
    void aPublicationTheReplicaMissedReachesTheNewMasterAfterAFailover() throws Exception {
        RedisServerProcess master = open(TestServices.startRedisServer());
        RedisServerProcess replica = open(TestServices.startRedisServer());
        TcpProxy replication = open(TcpProxy.to("127.0.0.1", master.port()));
        assertEquals("OK", replica.command("REPLICAOF", "127.0.0.1", Integer.toString(replication.port())));
        awaitTrue(() -> master.command("INFO", "replication").contains("connected_slaves:1")
                && replica.command("INFO", "replication").contains("master_link_status:up"), "replication up");
        // The fleet's endpoint, which the failover moves from the master to the replica.
        TcpProxy endpoint = open(TcpProxy.to("127.0.0.1", master.port()));

        Map<String, Object> settings = Map.of("cache.staleness-budget", BUDGET_MILLIS + "ms",
                "cache.breaker-open-for", "300ms", "cache.redis-command-timeout", "200ms");
        FunctionHarness<IndicatorFunction> writer = open(container(settings, master.uri()));
        FunctionHarness<IndicatorFunction> reader = open(container(settings, "redis://127.0.0.1:" + endpoint.port()));
        String symbol = TestServices.uniqueSymbol("FAILOVER");
        CandleColumns candles = TestCandles.randomWalk(symbol, Interval.H1, 300, 80);
        put(writer, symbol, candles.slice(0, 299));
        String sma = "/v1/indicators/" + symbol + "/sma?interval=1h&period=20&limit=3";
        assertEquals(candles.t()[298], last(reader, sma), "the reader computes and stores the series");
        String generationKey = "cf:{" + symbol + "}:1h:gen";
        String series = "cf:{" + symbol + "}:1h:s:sma:period=20,source=close";
        awaitTrue(() -> replica.command("GET", generationKey) != null && "1".equals(replica.command("EXISTS", series)),
                "the replica has the generation and the series");

        // The partition and the failover: the master keeps counting its replica, which is promoted.
        replication.silenceOpenConnections();
        assertEquals("OK", replica.command("REPLICAOF", "NO", "ONE"));
        endpoint.retarget("127.0.0.1", replica.port());
        String newMaster = runId(replica);
        // The reader finds the generation stamped by the old master, reads the version from
        // PostgreSQL and re-seeds the new master with it (and still holds the series in L1).
        awaitTrue(() -> {
            reader.get(sma);
            String generation = replica.command("GET", generationKey);
            return generation != null && generation.contains(newMaster);
        }, "the reader re-seeded the new master");
        long seeded = version(replica.command("GET", generationKey));
        assertTrue(master.command("INFO", "replication").contains("connected_slaves:1"), "the master still counts it");

        // The writer, still connected to the old master, publishes there: its replica never gets it.
        put(writer, symbol, candles.slice(299, 300));
        long newest = candles.t()[299];

        // Readers on the new master answer with the new candle within the budget after a repair,
        // which any of them runs at least every cache.version-repair-interval (1 s).
        FunctionHarness<IndicatorFunction> newcomer = open(container(settings, "redis://127.0.0.1:" + endpoint.port()));
        long until = System.nanoTime() + (1_000 + BUDGET_MILLIS + 3_000) * 1_000_000L;
        while (last(newcomer, sma) != newest && System.nanoTime() < until) {
            reader.get(sma);
            Thread.sleep(100);
        }
        assertEquals(newest, last(newcomer, sma), "a container on the new master serves the older candles as current");
        assertTrue(version(replica.command("GET", generationKey)) > seeded, "the newer version reached the new master");
        Thread.sleep(BUDGET_MILLIS + 200);
        assertEquals(newest, last(reader, sma), "the reader that held the series in L1");
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private static FunctionHarness<IndicatorFunction> container(Map<String, Object> settings, String redisUri) {
        Map<String, Object> properties = new java.util.HashMap<>(settings);
        properties.put("redis.uri", redisUri);
        return new FunctionHarness<>(IndicatorFunction::new, properties);
    }

    private static void put(FunctionHarness<IndicatorFunction> writer, String symbol, CandleColumns candles) {
        APIGatewayV2HTTPResponse written = writer.putCsv(symbol, "1h", Csv.of(candles));
        assertEquals(200, written.getStatusCode(), written.getBody());
    }

    @SuppressWarnings("unchecked")
    private static long last(FunctionHarness<IndicatorFunction> container, String path) {
        APIGatewayV2HTTPResponse answer = container.get(path);
        assertEquals(200, answer.getStatusCode(), answer.getBody());
        List<Number> t = (List<Number>) container.body(answer).get("t");
        return t.get(t.size() - 1).longValue();
    }

    private static String runId(RedisServerProcess redis) {
        Matcher matcher = RUN_ID.matcher(redis.command("INFO", "server"));
        assertTrue(matcher.find());
        return matcher.group(1);
    }

    private static long version(String generation) {
        return Long.parseLong(generation.substring(0, generation.indexOf(':')));
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        await(what).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
    }
}
