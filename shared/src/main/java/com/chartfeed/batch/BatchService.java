package com.chartfeed.batch;

import com.chartfeed.problems.Problem;
import com.chartfeed.problems.ProblemException;
import com.chartfeed.api.FaultProblems;
import com.chartfeed.api.IndicatorRequest;
import com.chartfeed.api.RenderedBodies;
import com.chartfeed.cache.CacheKey;
import com.chartfeed.cache.Lookup;
import com.chartfeed.cache.RequestTimings;
import com.chartfeed.cache.TieredCache;
import com.chartfeed.indicators.IndicatorSeries;
import com.chartfeed.metrics.WorkCounters;
import com.chartfeed.service.IndicatorService;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Answers a batch of indicator requests: identical series are computed once, everything cached
 * is read in one round trip (L1 first, then one MGET for all the rest), the candles that misses
 * need in a second one, and the misses run in parallel until the deadline, after which the
 * unfinished items answer 504 and the finished ones are returned.
 */
@Singleton
public final class BatchService {
    private final TieredCache cache;
    private final IndicatorService indicators;
    private final RenderedBodies bodies;
    private final ExecutorService executor;
    private final WorkCounters counters;

    public BatchService(TieredCache cache, IndicatorService indicators, RenderedBodies bodies,
                        @Named(TaskExecutors.IO) ExecutorService executor, WorkCounters counters) {
        this.cache = cache;
        this.indicators = indicators;
        this.bodies = bodies;
        this.executor = executor;
        this.counters = counters;
    }

    /** Runs {@code items} within {@code deadline}. */
    @SuppressWarnings("unchecked")
    public BatchResponse run(List<BatchItem> items, Duration deadline) {
        counters.batch(items.size());
        long start = System.nanoTime();
        long deadlineNanos = start + deadline.toNanos();
        Set<CacheKey> keys = new LinkedHashSet<>();
        for (BatchItem item : items) {
            if (item.isValid()) {
                keys.add(item.request().key());
            }
        }
        TieredCache.Found cached = cache.getCached(keys, new RequestTimings());
        Map<CacheKey, Lookup<?>> found = new LinkedHashMap<>(cached.hits());

        Map<CacheKey, IndicatorRequest> missing = new LinkedHashMap<>();
        for (BatchItem item : items) {
            if (item.isValid() && !found.containsKey(item.request().key())) {
                missing.putIfAbsent(item.request().key(), item.request());
            }
        }
        Map<CacheKey, CompletableFuture<Lookup<?>>> running = new LinkedHashMap<>();
        if (!missing.isEmpty()) {
            // The candles the misses need, in one more round trip, into L1 for the loaders below.
            Set<CacheKey> candleKeys = new LinkedHashSet<>();
            missing.keySet().forEach(key -> candleKeys.add(CacheKey.candles(key.symbol(), key.interval())));
            cache.getCached(candleKeys, new RequestTimings());
            missing.forEach((key, request) -> running.put(key, CompletableFuture.supplyAsync(() ->
                    cache.load(key, indicators.loader(request.symbol(), request.interval(), request.params(),
                            new RequestTimings()), cached), executor)));
        }

        List<BatchResponse.Result> results = new ArrayList<>(items.size());
        int l1 = 0;
        int l2 = 0;
        int misses = 0;
        int stale = 0;
        for (BatchItem item : items) {
            if (!item.isValid()) {
                results.add(problem(item.invalid()));
                continue;
            }
            IndicatorRequest request = item.request();
            Lookup<?> lookup = found.get(request.key());
            try {
                if (lookup == null) {
                    lookup = await(running.get(request.key()), deadlineNanos);
                    found.put(request.key(), lookup);
                }
                request.withinHistory(((IndicatorSeries) lookup.value()).size());
            } catch (ProblemException problem) {
                results.add(problem(BatchParser.prefixed(problem, results.size())));
                continue;
            }
            switch (lookup.source()) {
                case HIT_L1 -> l1++;
                case HIT_L2 -> l2++;
                case MISS -> misses++;
                case STALE -> stale++;
            }
            results.add(new BatchResponse.Result(200, bodies.indicator(request.key(), request.params(),
                    (Lookup<IndicatorSeries>) lookup, request.window()), null));
        }
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        return new BatchResponse(results, new BatchResponse.Meta(l1, l2, misses, stale, durationMs));
    }

    private static Lookup<?> await(CompletableFuture<Lookup<?>> future, long deadlineNanos) {
        try {
            return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // Left running: when it completes, it is cached for the next request.
            throw ProblemException.gatewayTimeout("Not computed within the batch deadline; retry to get it from the cache.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.gatewayTimeout("Interrupted.");
        } catch (java.util.concurrent.ExecutionException e) {
            throw FaultProblems.of(e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause(),
                    "a batch item");
        }
    }

    private static BatchResponse.Result problem(ProblemException problem) {
        Problem body = problem.toProblem();
        return new BatchResponse.Result(problem.status().getCode(), null, body);
    }

}
