package com.chartfeed.bench;

import com.chartfeed.api.QueryParser;
import com.chartfeed.cache.CacheKey;
import com.chartfeed.candles.Interval;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * From a MACD request's query parameters to its Redis key: {@link QueryParser#params}
 * (validation, defaults, canonical order), {@link CacheKey#series} and {@link CacheKey#redisKey()}.
 * Every request pays this before it can even look in L1. The parameters come in a different order
 * each call, cycling through shuffles made with a fixed seed, because canonicalising the order is
 * part of the work.
 *
 * <p>Not final because JMH generates a subclass of it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class CacheKeyBenchmark {
    private static final int ORDERS = 16; // a power of two, for the cheap cycling mask
    private static final long SEED = 42;

    private final List<Map<String, String>> queries = new ArrayList<>();
    private int next;

    @Setup
    public void setUp() {
        List<Map.Entry<String, String>> query = new ArrayList<>(List.of(
                Map.entry("interval", "1h"), Map.entry("limit", "500"), Map.entry("fast", "12"),
                Map.entry("slow", "26"), Map.entry("signal", "9"), Map.entry("source", "close")));
        Random random = new Random(SEED);
        for (int i = 0; i < ORDERS; i++) {
            Collections.shuffle(query, random);
            // LinkedHashMap, as RequestQuery.of builds it from a request.
            Map<String, String> ordered = new LinkedHashMap<>();
            query.forEach(e -> ordered.put(e.getKey(), e.getValue()));
            queries.add(ordered);
        }
    }

    @Benchmark
    public void macdKey(Blackhole bh) {
        Map<String, String> query = queries.get(next++ & (ORDERS - 1));
        IndicatorParams params = QueryParser.params(IndicatorType.MACD, query);
        bh.consume(CacheKey.series(Inputs.SYMBOL, Interval.H1, params).redisKey());
    }
}
