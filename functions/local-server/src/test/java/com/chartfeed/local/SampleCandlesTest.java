package com.chartfeed.local;

import com.chartfeed.candles.Interval;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local server's sample candles as {@code GET /v1/candles} serves them, checked as a trader
 * would: every interval of a symbol is one market (a coarser candle is exactly the aggregation of
 * the finer candles that cover it, for every pair of intervals), prices stay in the symbol's usual
 * range, stocks trade in New York's regular session and bitcoin around the clock.
 */
@MicronautTest(environments = LocalEnvironment.NAME)
@Property(name = "micronaut.server.port", value = "-1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleCandlesTest {
    private static final Map<String, double[]> RANGES = Map.of("AAPL", new double[] {150, 300},
            "MSFT", new double[] {300, 500}, "BTCUSD", new double[] {20_000, 100_000});
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Inject
    @Client("/")
    HttpClient http;

    private final Map<String, Map<Interval, Series>> served = new LinkedHashMap<>();

    @BeforeAll
    void fetch() {
        for (String symbol : RANGES.keySet()) {
            Map<Interval, Series> bySymbol = new EnumMap<>(Interval.class);
            for (Interval interval : Interval.values()) {
                bySymbol.put(interval, Series.of(http.toBlocking().retrieve(HttpRequest.GET("/v1/candles/" + symbol
                        + "?interval=" + interval.code() + "&limit=5000"), Argument.mapOf(String.class, Object.class))));
            }
            served.put(symbol, bySymbol);
        }
    }

    @Test
    void everyCoarserCandleIsExactlyTheFinerCandlesThatCoverIt() {
        int pairs = 0;
        int covered = 0;
        for (Map.Entry<String, Map<Interval, Series>> symbol : served.entrySet()) {
            for (Interval fine : Interval.values()) {
                for (Interval coarse : Interval.values()) {
                    if (coarse.seconds() <= fine.seconds()) {
                        continue;
                    }
                    String pair = symbol.getKey() + " " + fine + " into " + coarse;
                    Series finer = symbol.getValue().get(fine);
                    Series coarser = symbol.getValue().get(coarse);
                    assertTrue(coarser.t[0] < finer.t[0], pair + ": the coarser interval reaches further back");
                    // The coarse candles that open at or after the first fine one are whole in the fine series
                    // (the last one may still be forming at the end of the data: it is what has traded so far).
                    Series expected = finer.aggregate(coarse, finer.t[0]);
                    Series actual = coarser.from(finer.t[0]);
                    long lastFine = finer.t[finer.size() - 1];
                    boolean spansOne = coarse.openTime(finer.t[0]) + coarse.seconds() <= coarse.openTime(lastFine);
                    assertTrue(actual.size() > 0 || !spansOne, pair + ": the coarse candles the fine ones cover");
                    covered += actual.size();
                    assertArrayEquals(expected.t, actual.t, pair + ": times");
                    assertArrayEquals(expected.o, actual.o, pair + ": opens");
                    assertArrayEquals(expected.h, actual.h, pair + ": highs");
                    assertArrayEquals(expected.l, actual.l, pair + ": lows");
                    assertArrayEquals(expected.c, actual.c, pair + ": closes");
                    assertArrayEquals(expected.v, actual.v, pair + ": volumes");
                    pairs++;
                }
            }
        }
        assertEquals(3 * 28, pairs);
        assertTrue(covered > 3 * 28 * 100, "coarse candles compared: " + covered);
    }

    @Test
    void everyIntervalHasHistoryToScrollBackAndPricesInTheSymbolsRange() {
        long end = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        served.forEach((symbol, intervals) -> {
            double[] range = RANGES.get(symbol);
            Series minutes = intervals.get(Interval.M1);
            double lastClose = minutes.c[minutes.size() - 1];
            long lastMinute = minutes.t[minutes.size() - 1];
            assertTrue(lastMinute < end && lastMinute >= end - 86_400, symbol + ": trades up to the last day of 2025");
            intervals.forEach((interval, series) -> {
                String what = symbol + " " + interval;
                assertEquals(2_000, series.size(), what);
                assertEquals(lastClose, series.c[series.size() - 1], what + ": one last price");
                assertEquals(interval.openTime(lastMinute), series.t[series.size() - 1], what + ": up to the last minute");
                for (int i = 0; i < series.size(); i++) {
                    assertTrue(interval.isAligned(series.t[i]) && (i == 0 || series.t[i] > series.t[i - 1]), what);
                    assertTrue(range[0] <= series.l[i] && series.h[i] <= range[1],
                            what + " at " + series.t[i] + ": " + series.l[i] + ".." + series.h[i]);
                    assertTrue(series.l[i] <= Math.min(series.o[i], series.c[i])
                            && series.h[i] >= Math.max(series.o[i], series.c[i]) && series.v[i] > 0, what);
                    assertTrue(i == 0 || series.o[i] == series.c[i - 1], what + ": opens where the last closed");
                }
            });
        });
    }

    @Test
    void stocksTradeInNewYorksSessionAndBitcoinAroundTheClock() {
        for (String stock : List.of("AAPL", "MSFT")) {
            for (long t : served.get(stock).get(Interval.M1).t) {
                ZonedDateTime local = Instant.ofEpochSecond(t).atZone(NEW_YORK);
                assertTrue(local.getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue()
                        && !local.toLocalTime().isBefore(LocalTime.of(9, 30))
                        && local.toLocalTime().isBefore(LocalTime.of(16, 0)), stock + " trades at " + local);
            }
            Series days = served.get(stock).get(Interval.D1);
            for (long t : days.t) {
                DayOfWeek day = Instant.ofEpochSecond(t).atZone(NEW_YORK).plusHours(12).getDayOfWeek();
                assertFalse(day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY, stock + " trades on " + day);
            }
            Series hours = served.get(stock).get(Interval.H1);
            assertTrue(hours.t[hours.size() - 1] - hours.t[0] > 150L * 86_400, stock + ": 2,000 hours of sessions");
            // a whole session: 09:30 to 16:00 is 390 minutes
            Series minutes = served.get(stock).get(Interval.M1);
            long lastDay = Interval.D1.openTime(minutes.t[minutes.size() - 1]);
            assertEquals(390, java.util.Arrays.stream(minutes.t).filter(t -> Interval.D1.openTime(t) == lastDay).count());
        }
        served.get("BTCUSD").forEach((interval, series) -> {
            for (int i = 1; i < series.size(); i++) {
                assertEquals(interval.seconds(), series.t[i] - series.t[i - 1], "BTCUSD " + interval + " has no gaps");
            }
        });
    }

    /** One served series in columns. */
    private record Series(long[] t, double[] o, double[] h, double[] l, double[] c, double[] v) {
        static Series of(Map<String, Object> body) {
            List<?> times = (List<?>) body.get("t");
            long[] t = times.stream().mapToLong(x -> ((Number) x).longValue()).toArray();
            return new Series(t, column(body, "o"), column(body, "h"), column(body, "l"), column(body, "c"),
                    column(body, "v"));
        }

        int size() {
            return t.length;
        }

        /** The candles opening at or after {@code from}. */
        Series from(long from) {
            int i = 0;
            while (i < t.length && t[i] < from) {
                i++;
            }
            return new Series(java.util.Arrays.copyOfRange(t, i, t.length), java.util.Arrays.copyOfRange(o, i, t.length),
                    java.util.Arrays.copyOfRange(h, i, t.length), java.util.Arrays.copyOfRange(l, i, t.length),
                    java.util.Arrays.copyOfRange(c, i, t.length), java.util.Arrays.copyOfRange(v, i, t.length));
        }

        /** Candles of {@code coarse} opening at or after {@code from}: first open, max high, min low, last close, sum of volumes. */
        Series aggregate(Interval coarse, long from) {
            List<double[]> rows = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < t.length; i++) {
                long open = coarse.openTime(t[i]);
                if (open < from) {
                    continue;
                }
                if (!times.isEmpty() && times.get(times.size() - 1) == open) {
                    double[] row = rows.get(rows.size() - 1);
                    row[1] = Math.max(row[1], h[i]);
                    row[2] = Math.min(row[2], l[i]);
                    row[3] = c[i];
                    row[4] += v[i];
                } else {
                    times.add(open);
                    rows.add(new double[] {o[i], h[i], l[i], c[i], v[i]});
                }
            }
            return new Series(times.stream().mapToLong(Long::longValue).toArray(),
                    rows.stream().mapToDouble(r -> r[0]).toArray(), rows.stream().mapToDouble(r -> r[1]).toArray(),
                    rows.stream().mapToDouble(r -> r[2]).toArray(), rows.stream().mapToDouble(r -> r[3]).toArray(),
                    rows.stream().mapToDouble(r -> r[4]).toArray());
        }

        private static double[] column(Map<String, Object> body, String name) {
            return ((List<?>) body.get(name)).stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
        }
    }
}
