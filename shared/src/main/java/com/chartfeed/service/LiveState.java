package com.chartfeed.service;

import com.chartfeed.cache.CacheKey;
import com.chartfeed.candles.LiveCandles;
import com.chartfeed.candles.PatchedCandles;
import com.chartfeed.indicators.LiveSeries;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * What patches start from in this container: per (symbol, interval) the newest history it loaded
 * ({@link LiveCandles}, sharing its settled candles between versions) and the patch that made it,
 * per series key the {@link LiveSeries} over one such history. Bounded by bytes (Caffeine); an
 * evicted state only means the next load reads or computes whole, as before. Versions only move
 * forward: a late load never replaces a newer state.
 *
 * <p>A series is patched only with the patch made from the very history object it was computed
 * over (compared by identity, not by version): two loads labelled with one version may have read
 * different rows (a commit landing between them), and a patch applies only to the rows it was made
 * from.
 */
@Singleton
public final class LiveState {
    /**
     * A history at {@code version}, and when it was patched from an older one, that history and the
     * patch; {@code rowsSinceL2Base} counts the rows patched since the last base stored in Redis.
     */
    public record History(long version, LiveCandles candles, @Nullable LiveCandles patchedFrom,
                          @Nullable PatchedCandles patch, long rowsSinceL2Base) {
    }

    /** A series computed over {@code candles} (a history of {@link #histories}). */
    public record Study(LiveCandles candles, long version, LiveSeries series) {
    }

    private final Cache<CacheKey.Scope, History> histories;
    private final Cache<CacheKey, Study> studies;

    public LiveState(PatchSettings settings) {
        long half = Math.max(1, settings.liveMaximumWeight() / 2);
        histories = Caffeine.newBuilder().maximumWeight(half)
                .weigher((CacheKey.Scope scope, History history) -> weight(history.candles().sizeInBytes()))
                .build();
        studies = Caffeine.newBuilder().maximumWeight(half)
                .weigher((CacheKey key, Study study) -> weight(study.series().sizeInBytes()))
                .build();
    }

    @Nullable
    public History history(CacheKey.Scope scope) {
        return histories.getIfPresent(scope);
    }

    /** Keeps {@code history} unless a newer one is held already. */
    public void keep(CacheKey.Scope scope, History history) {
        histories.asMap().merge(scope, history, (held, next) -> next.version() >= held.version() ? next : held);
    }

    @Nullable
    public Study study(CacheKey key) {
        return studies.getIfPresent(key);
    }

    /** Keeps {@code study} unless one of a newer version is held already. */
    public void keep(CacheKey key, Study study) {
        studies.asMap().merge(key, study, (held, next) -> next.version() >= held.version() ? next : held);
    }

    private static int weight(long bytes) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, bytes));
    }
}
