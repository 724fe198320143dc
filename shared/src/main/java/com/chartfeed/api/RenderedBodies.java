package com.chartfeed.api;

import com.chartfeed.cache.CacheKey;
import com.chartfeed.cache.Lookup;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorSeries;
import com.chartfeed.indicators.Window;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;

/**
 * The JSON bodies of recent indicator answers, kept so that the same window of the same series is
 * sent again as a copy rather than written again. Charts ask for the same window (the latest 500
 * points) over and over until new candles change the series, and writing hundreds of numbers as
 * text costs far more than finding the series in L1; a batch of ten cached items is ten bodies.
 *
 * <p>A body is keyed by the series' cache key, its content hash and the index range the window
 * selects, so new content is a new key and an old body can never be sent for it; old bodies just
 * age out of the size bound.
 */
@Singleton
public final class RenderedBodies {
    private static final int KEY_OVERHEAD = 96;

    private record Key(CacheKey series, long contentHash, int start, int end) {
    }

    private final Cache<Key, byte[]> bodies;

    public RenderedBodies(ResponseSettings settings) {
        this.bodies = Caffeine.newBuilder()
                .maximumWeight(settings.renderedBodiesMaximumWeight())
                .weigher((Key key, byte[] body) -> body.length + KEY_OVERHEAD)
                // Maintenance on the caller's thread: no ForkJoinPool in a Lambda container.
                .executor(Runnable::run)
                .build();
    }

    /**
     * The body of {@code window} of the series {@code lookup} holds for {@code key} (made of
     * {@code params}), written at most once while it is kept.
     */
    public byte[] indicator(CacheKey key, IndicatorParams params, Lookup<IndicatorSeries> lookup, Window window) {
        IndicatorSeries series = lookup.value();
        int[] range = window.range(series.t(), series.firstDefined());
        return bodies.get(new Key(key, lookup.entry().contentHash(), range[0], range[1]),
                k -> IndicatorJson.write(key.symbol(), key.interval(), params, series, range[0], range[1]));
    }
}
