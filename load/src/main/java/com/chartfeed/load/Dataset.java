package com.chartfeed.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The candles a driver uploads before it measures: named series of synthetic candles, seeded by
 * their name so every run uploads the same rows (the table does not grow from run to run), sent
 * through {@code PUT /v1/candles} like any feed would, which also invalidates whatever an earlier
 * run left cached for them.
 */
public final class Dataset {
    static final Map<String, Long> INTERVAL_SECONDS = Map.of("1m", 60L, "5m", 300L, "15m", 900L, "30m", 1_800L,
            "1h", 3_600L, "4h", 14_400L, "1d", 86_400L);

    private Dataset() {
    }

    /** One symbol and interval: {@code count} candles, the last opening at {@link Candles#LAST_OPEN}. */
    public record Series(String symbol, String interval, int count) {
        public Candles candles() {
            return Candles.randomWalk(((long) symbol.hashCode() << 32) ^ interval.hashCode(), seconds(interval),
                    Candles.LAST_OPEN, count);
        }
    }

    static long seconds(String interval) {
        Long seconds = INTERVAL_SECONDS.get(interval);
        if (seconds == null) {
            throw new IllegalArgumentException("unsupported interval " + interval + " (one of " + INTERVAL_SECONDS.keySet() + ")");
        }
        return seconds;
    }

    /** {@code prefix} and a zero-padded number: {@code LDC2K0007}. */
    static List<String> symbols(String prefix, int count) {
        int digits = Math.max(3, Integer.toString(Math.max(0, count - 1)).length());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(prefix + String.format("%0" + digits + "d", i));
        }
        return names;
    }

    /** Uploads every series with {@code threads} parallel PUTs; fails on the first answer that is not 200. */
    public static void upload(ChartApi api, List<Series> series, int threads) {
        long start = System.nanoTime();
        long candles = series.stream().mapToLong(Series::count).sum();
        System.out.printf("uploading %d series, %,d candles...%n", series.size(), candles);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Series s : series) {
                done.add(pool.submit(() -> api.upload(s.symbol(), s.interval(), s.candles())));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("upload failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("uploaded in %.1f s (%,.0f candles/s)%n", seconds, candles / seconds);
    }
}
