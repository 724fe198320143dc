package com.chartfeed.functions.indicator;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.cache.CacheInvalidator;
import com.chartfeed.cache.CacheStats;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.CandleStore;
import com.chartfeed.candles.Interval;
import com.chartfeed.candles.SymbolDirectory;
import com.chartfeed.testing.Csv;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.chartfeed.testing.FunctionHarness.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A container that holds a chart and sees a one-candle PUT reads only the changed rows, patches
 * its candles and extends its series (issue 17), through the real handler against PostgreSQL and
 * Redis; the answer equals, body for body (numbers in shortest round-trip form, so bit for bit), a
 * fresh container's whole computation (L1 only, patching off). An unrecorded change (the
 * ingestion side's write and event) and a delta past {@code cache.patch.max-rows} read the
 * history whole; a second container on the same Redis patches the base Redis holds.
 */
class PatchedLoadsTest {
    private static final Map<String, Object> FLEET = Map.of("redis.uri", TestServices.redisUri(),
            "cache.staleness-budget", "1s", "cache.redis-command-timeout", "250ms", "cache.patch.max-rows", "20");
    /** The chart: candles and studies of each kind of extension (stepped, window, recomputed). */
    private static final List<String> CHART = List.of(
            "/v1/candles/%s?interval=1h&limit=5000",
            "/v1/indicators/%s/rsi?interval=1h&period=14&limit=5000",
            "/v1/indicators/%s/macd?interval=1h&limit=5000",
            "/v1/indicators/%s/bbands?interval=1h&period=20&limit=5000",
            "/v1/indicators/%s/willr?interval=1h&limit=5000",
            "/v1/indicators/%s/ichimoku?interval=1h&limit=5000");
    private static final int HISTORY = 1_000;

    private static FunctionHarness<IndicatorFunction> holder;
    private static FunctionHarness<IndicatorFunction> other;
    private String symbol;
    private CandleColumns candles;

    @BeforeAll
    static void start() {
        holder = new FunctionHarness<>(IndicatorFunction::new, FLEET);
        other = new FunctionHarness<>(IndicatorFunction::new, FLEET);
    }

    @AfterAll
    static void stop() {
        holder.close();
        other.close();
    }

    @BeforeEach
    void uploadAndChart() {
        symbol = TestServices.uniqueSymbol("LIVE");
        candles = TestCandles.randomWalk(symbol, Interval.H1, HISTORY, 100);
        assertEquals(200, holder.putCsv(symbol, "1h", Csv.of(candles)).getStatusCode());
        Map<String, Long> before = counters(holder);
        for (String path : chart()) {
            APIGatewayV2HTTPResponse response = holder.get(path);
            assertEquals(200, response.getStatusCode(), response.getBody());
            assertEquals("MISS", header(response, "X-Cache"), path);
        }
        assertEquals(1, delta(before, holder, "fullLoads"), "the chart's first load reads the history once");
    }

    @Test
    void anAppendedCandleIsOneRowReadAndTheSeriesEqualAWholeComputation() {
        long next = candles.t()[HISTORY - 1] + 3_600;
        assertPatchedWithRows(row(next, 101.25, 103.5, 100.5, 102.75, 7), 1);
    }

    @Test
    void anUpdateOfTheLastCandleIsOneRowRead() {
        long last = candles.t()[HISTORY - 1];
        assertPatchedWithRows(row(last, candles.o()[HISTORY - 1], 250, 1, 200, 99), 1);
        // and again: the forming candle changes every few seconds
        assertPatchedWithRows(row(last, candles.o()[HISTORY - 1], 251, 1, 201.5, 120), 1);
    }

    @Test
    void aCorrectionInTheMiddleOfTheHistoryIsPatchedInPlace() {
        long middle = candles.t()[HISTORY / 2];
        assertPatchedWithRows(row(middle, 50, 300, 40, 280, 1_000), 1);
    }

    @Test
    void anUnrecordedChangeMakesTheNextLoadAWholeRead() {
        // The ingestion side writes candles without versions, then its event bumps the version.
        long id = holder.context.getBean(SymbolDirectory.class).find(symbol).orElseThrow();
        long middle = candles.t()[HISTORY / 3];
        CandleColumns changed = new CandleColumns(new long[]{middle}, new double[]{10}, new double[]{20},
                new double[]{5}, new double[]{15}, new double[]{3});
        holder.context.getBean(CandleStore.class).upsert(id, Interval.H1, changed, 0);
        holder.context.getBean(CacheInvalidator.class).invalidate(symbol, Interval.H1, CacheInvalidator.Waiting.EVENT);

        Map<String, Long> before = counters(holder);
        assertChartEqualsAFreshContainers(holder);
        assertEquals(1, delta(before, holder, "fullLoads"));
        assertEquals(0, delta(before, holder, "patchedLoads"));
        assertEquals(HISTORY, delta(before, holder, "candleRowsRead"));
    }

    @Test
    void aDeltaTooLargeToPatchReadsTheHistoryWhole() {
        CandleColumns more = TestCandles.randomWalk(symbol, Interval.H1, 30, 100);
        StringBuilder csv = new StringBuilder("time,open,high,low,close,volume\n");
        long start = candles.t()[HISTORY - 1] + 3_600;
        for (int i = 0; i < more.size(); i++) {
            csv.append(start + i * 3_600L).append(',').append(more.o()[i]).append(',').append(more.h()[i]).append(',')
                    .append(more.l()[i]).append(',').append(more.c()[i]).append(',').append(more.v()[i]).append('\n');
        }
        assertEquals(200, holder.putCsv(symbol, "1h", csv.toString()).getStatusCode());

        Map<String, Long> before = counters(holder);
        assertChartEqualsAFreshContainers(holder);
        assertEquals(1, delta(before, holder, "fullLoads"), "30 rows > max-rows 20");
        assertEquals(0, delta(before, holder, "patchedLoads"));
        assertEquals(30 + HISTORY + 30, delta(before, holder, "candleRowsRead"), "the delta, then the history");
    }

    @Test
    void aSecondContainerPatchesTheBaseRedisHoldsInsteadOfReadingTheHistory() {
        long next = candles.t()[HISTORY - 1] + 3_600;
        assertPatchedWithRows(row(next, 101.25, 103.5, 100.5, 102.75, 7), 1);
        assertPatchedWithRows(row(next + 3_600, 102, 104, 101, 103, 9), 1);

        // The other container never read this symbol: Redis holds the full load's base, two versions old.
        Map<String, Long> before = counters(other);
        assertChartEqualsAFreshContainers(other);
        assertEquals(0, delta(before, other, "fullLoads"));
        assertEquals(1, delta(before, other, "patchedLoads"));
        assertEquals(2, delta(before, other, "candleRowsRead"), "the rows stamped since the base's version");
    }

    /** PUTs {@code csv} through the holder, then its chart: a patched load of {@code rows} rows, equal to a fresh computation. */
    private void assertPatchedWithRows(String csv, int rows) {
        APIGatewayV2HTTPResponse put = holder.putCsv(symbol, "1h", csv);
        assertEquals(200, put.getStatusCode(), put.getBody());
        Map<String, Long> before = counters(holder);
        long sentBefore = redisBytesSent();
        List<APIGatewayV2HTTPResponse> chart = chart().stream().map(holder::get).toList();
        long sent = redisBytesSent() - sentBefore;
        // Versions only: not the base Redis keeps (the full load's candles and series, 100 KB here).
        assertTrue(sent < 16_384, "Redis sent " + sent + " bytes for a chart after a tick");
        assertChartEqualsAFreshContainers(holder);
        assertEquals(0, delta(before, holder, "fullLoads"), "no whole read after a one-candle PUT");
        assertEquals(1, delta(before, holder, "patchedLoads"));
        assertEquals(rows, delta(before, holder, "candleRowsRead"));
        assertTrue(rows <= 50);
        // rsi, macd and bbands stepped from their saved state, willr and ichimoku rerun over the changed windows
        assertEquals(5, delta(before, holder, "patchedSeries"));
        String timing = header(chart.get(0), "Server-Timing");
        assertTrue(timing.contains("patch;desc=\"rows=" + rows + "\""), timing);
        for (APIGatewayV2HTTPResponse response : chart) {
            assertEquals("MISS", header(response, "X-Cache"), "a patched load is still a load for X-Cache");
        }
    }

    /** The chart through {@code container}, each body equal to that of a container with nothing cached. */
    private List<APIGatewayV2HTTPResponse> assertChartEqualsAFreshContainers(FunctionHarness<IndicatorFunction> container) {
        List<APIGatewayV2HTTPResponse> answers = chart().stream().map(container::get).toList();
        try (FunctionHarness<IndicatorFunction> fresh = new FunctionHarness<>(IndicatorFunction::new,
                Map.of("cache.patch.enabled", "false"))) {
            for (int i = 0; i < answers.size(); i++) {
                APIGatewayV2HTTPResponse expected = fresh.get(chart().get(i));
                assertEquals(200, answers.get(i).getStatusCode(), answers.get(i).getBody());
                assertFalse(expected.getBody().isEmpty());
                assertEquals(expected.getBody(), answers.get(i).getBody(), chart().get(i));
            }
        }
        return answers;
    }

    /** What Redis has sent to its clients so far ({@code INFO stats}), through a client of the test's own. */
    private static long redisBytesSent() {
        RedisClient client = RedisClient.create(TestServices.redisUri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            String stats = connection.sync().info("stats");
            return Long.parseLong(stats.replaceAll("(?s).*total_net_output_bytes:(\\d+).*", "$1"));
        } finally {
            client.shutdown();
        }
    }

    private List<String> chart() {
        return CHART.stream().map(path -> path.formatted(symbol)).toList();
    }

    private static String row(long time, double o, double h, double l, double c, double v) {
        return String.format(Locale.ROOT, "time,open,high,low,close,volume\n%d,%s,%s,%s,%s,%s\n", time, o, h, l, c, v);
    }

    private static Map<String, Long> counters(FunctionHarness<IndicatorFunction> container) {
        return container.context.getBean(CacheStats.class).counters();
    }

    private static long delta(Map<String, Long> before, FunctionHarness<IndicatorFunction> container, String name) {
        return counters(container).get(name) - before.get(name);
    }
}
