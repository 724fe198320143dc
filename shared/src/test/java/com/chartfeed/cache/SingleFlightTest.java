package com.chartfeed.cache;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.CandleStore;
import com.chartfeed.candles.Interval;
import com.chartfeed.candles.SymbolDirectory;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorType;
import com.chartfeed.indicators.PriceSource;
import com.chartfeed.service.IndicatorService;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Concurrent misses of one key in one container read the database once and compute once. */
class SingleFlightTest {
    private static final int THREADS = 16;
    private static ApplicationContext context;

    @BeforeAll
    static void start() {
        context = TestServices.startOnPostgres(Map.of());
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void concurrentMissesReadTheDatabaseOnce() throws Exception {
        String symbol = TestServices.uniqueSymbol("FLIGHT");
        long id = context.getBean(SymbolDirectory.class).findOrCreate(symbol);
        // A long history, so the load takes long enough for every thread to pile up behind it.
        CandleColumns candles = TestCandles.randomWalk(symbol, Interval.M1, 60_000, 100);
        context.getBean(CandleStore.class).upsert(id, Interval.M1, candles, 0);

        CacheStats stats = context.getBean(CacheStats.class);
        IndicatorService indicators = context.getBean(IndicatorService.class);
        IndicatorParams params = new IndicatorParams(IndicatorType.RSI, new double[] {14}, PriceSource.CLOSE);
        long readsBefore = stats.databaseReads();
        long loadsBefore = stats.counters().get("loads");

        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Lookup<?>>> results = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return indicators.series(symbol, Interval.M1, params, new RequestTimings());
            }));
        }
        go.countDown();
        List<Lookup<?>> lookups = new ArrayList<>();
        for (Future<Lookup<?>> result : results) {
            lookups.add(result.get());
        }
        pool.shutdown();

        assertEquals(1, stats.databaseReads() - readsBefore, "one read of the candle table");
        assertEquals(2, stats.counters().get("loads") - loadsBefore, "one candle load and one computation");
        long joined = lookups.stream().filter(l -> l.source() == CacheSource.MISS).count();
        assertTrue(joined > 1, "the misses overlapped (" + joined + " threads waited for the one load)");
        for (Lookup<?> lookup : lookups) {
            assertSame(lookups.get(0).value(), lookup.value(), "every thread got the one computed series");
        }
    }

    @Test
    void aFailedLoadIsSharedAndNotRemembered() {
        SingleFlight<String, String> flight = new SingleFlight<>();
        RuntimeException boom = new IllegalStateException("boom");
        try {
            flight.load("k", () -> {
                throw boom;
            });
        } catch (IllegalStateException e) {
            assertSame(boom, e);
        }
        assertEquals("ok", flight.load("k", () -> "ok").value(), "a failure is not cached");
    }
}
