package com.chartfeed.bench;

import com.chartfeed.api.IndicatorJson;
import com.chartfeed.api.RenderedBodies;
import com.chartfeed.api.ResponseSettings;
import com.chartfeed.cache.CacheKey;
import com.chartfeed.cache.CacheSource;
import com.chartfeed.cache.Lookup;
import com.chartfeed.cache.RequestTimings;
import com.chartfeed.cache.TieredCache;
import com.chartfeed.candles.Interval;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorSeries;
import com.chartfeed.indicators.IndicatorType;
import com.chartfeed.indicators.Window;
import io.micronaut.context.ApplicationContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A chart request answered from this container's L1, minus HTTP: {@link TieredCache#get} hitting
 * an RSI series of 500 defined points, then the JSON body of the last 500 of them as
 * {@code IndicatorController} makes it: ready-made for a window asked before ({@code hit}), or
 * written from the cached columns ({@code hitWrittenAfresh}). The cache is the application's own, from
 * its context with no {@code REDIS_URI} (L2 not configured) and an embedded H2 it never reads, so
 * nothing here touches a network: this is the floor under every request, to set against the
 * kernel (a miss) and the codec (an L2 hit).
 *
 * <p>Not final because JMH generates a subclass of it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class L1HitBenchmark {
    private static final Interval INTERVAL = Interval.H1;

    /** Defined points of the cached series; the window is always the last 500 (the API's default limit). */
    @Param({"500"})
    public int points;

    private ApplicationContext context;
    private TieredCache cache;
    private final RenderedBodies bodies = new RenderedBodies(new ResponseSettings(16L << 20));
    private CacheKey key;
    private IndicatorParams params;
    private final Window window = Window.last(Window.DEFAULT_LIMIT);
    // A miss here would measure a load instead of a hit: fail loudly rather than report it.
    private final Supplier<IndicatorSeries> noLoad = () -> {
        throw new IllegalStateException("L1 miss in a hit benchmark");
    };

    @Setup
    public void setUp() {
        CompressionBenchmark.quiet();
        // A staleness budget longer than any run: every lookup is one within the budget. The
        // version is learnt as a write would teach it, and trusted for the budget, within which an
        // L1 hit asks nobody (what is measured here); the empty H2 is read once, by the first load.
        context = ApplicationContext.run(Map.of(
                "datasources.default.url", "jdbc:h2:mem:l1hit;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                "cache.staleness-budget", "1h"));
        cache = context.getBean(TieredCache.class);

        params = Inputs.defaults(IndicatorType.RSI);
        int candles = points + IndicatorType.RSI.lookback(params);
        IndicatorSeries series = IndicatorSeries.compute(Inputs.hourly(candles), params);
        key = CacheKey.series(Inputs.SYMBOL, INTERVAL, params);
        cache.advance(Inputs.SYMBOL, Map.of(INTERVAL, 1L));
        cache.get(key, () -> series, new RequestTimings());
        Lookup<IndicatorSeries> hit = cache.get(key, noLoad, new RequestTimings());
        if (hit.source() != CacheSource.HIT_L1) {
            throw new IllegalStateException("expected an L1 hit, got " + hit.source());
        }
    }

    /** What a repeated chart request costs: the body of this window was written by an earlier one. */
    @Benchmark
    public void hit(Blackhole bh) {
        Lookup<IndicatorSeries> lookup = cache.get(key, noLoad, new RequestTimings());
        bh.consume(bodies.indicator(key, params, lookup, window));
    }

    /** The first request of a window: the body written from the cached columns. */
    @Benchmark
    public void hitWrittenAfresh(Blackhole bh) {
        Lookup<IndicatorSeries> lookup = cache.get(key, noLoad, new RequestTimings());
        IndicatorSeries series = lookup.value();
        int[] range = window.range(series.t(), series.firstDefined());
        bh.consume(IndicatorJson.write(Inputs.SYMBOL, INTERVAL, params, series, range[0], range[1]));
    }

    @TearDown
    public void tearDown() {
        context.close();
    }
}
