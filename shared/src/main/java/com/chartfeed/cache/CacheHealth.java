package com.chartfeed.cache;

import com.chartfeed.candles.CandleStore;
import com.chartfeed.candles.DatabaseBreaker;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

/**
 * {@code GET /v1/cache/health}: each layer UP or DOWN (L2 may also be DISABLED), and overall UP,
 * DEGRADED (answers still come, from what is left) or DOWN (nothing new can be answered).
 */
@Singleton
public final class CacheHealth {
    public static final String UP = "UP";
    public static final String DEGRADED = "DEGRADED";
    public static final String DOWN = "DOWN";
    public static final String DISABLED = "DISABLED";

    private final TieredCache cache;
    private final L2Cache l2;
    private final RedisCalls calls;
    private final CacheSettings settings;
    private final CandleStore store;
    private final DatabaseBreaker databaseBreaker;

    public CacheHealth(TieredCache cache, L2Cache l2, RedisCalls calls, CacheSettings settings, CandleStore store, DatabaseBreaker databaseBreaker) {
        this.cache = cache;
        this.l2 = l2;
        this.calls = calls;
        this.settings = settings;
        this.store = store;
        this.databaseBreaker = databaseBreaker;
    }

    @Serdeable
    public record Report(String status, Map<String, Object> l1, Map<String, Object> l2,
                         Map<String, Object> database) {
    }

    public Report check() {
        Map<String, Object> l1 = new LinkedHashMap<>();
        l1.put("status", UP);
        TieredCache.L1Usage usage = cache.l1Usage();
        l1.put("entries", usage.entries());
        l1.put("weightBytes", usage.weightBytes());

        Map<String, Object> redis = new LinkedHashMap<>();
        String l2Status;
        if (!l2.configured()) {
            l2Status = DISABLED;
        } else {
            double pingMillis = ping();
            l2Status = pingMillis >= 0 ? UP : DOWN;
            if (pingMillis >= 0) {
                redis.put("pingMillis", pingMillis);
            }
            redis.put("breaker", l2.breakerOpen() ? "open" : "closed");
        }
        redis.put("status", l2Status);

        Map<String, Object> database = new LinkedHashMap<>();
        long start = System.nanoTime();
        boolean databaseUp;
        try {
            // Through the reads' breaker: while it is open the database is known to be down, and
            // a health check should not wait out the connection timeout to say so again.
            databaseUp = databaseBreaker.read(store::ping);
        } catch (RuntimeException unreachable) {
            databaseUp = false;
        }
        database.put("status", databaseUp ? UP : DOWN);
        if (databaseUp) {
            database.put("pingMillis", (System.nanoTime() - start) / 1e6);
        }
        database.put("breaker", databaseBreaker.isOpen() ? "open" : "closed");

        String overall;
        if (!databaseUp && !UP.equals(l2Status)) {
            overall = DOWN;
        } else if (!databaseUp || DOWN.equals(l2Status)) {
            overall = DEGRADED;
        } else {
            overall = UP;
        }
        return new Report(overall, l1, orderedWithStatusFirst(redis), database);
    }

    /** Round trip of a PING in milliseconds, or {@code -1} if Redis can't be reached. */
    private double ping() {
        long start = System.nanoTime();
        List<String> pong = calls.call("PING", settings.redisCommandTimeout(), null, redis -> List.of(redis.ping()));
        return pong == null ? -1 : (System.nanoTime() - start) / 1e6;
    }

    private static Map<String, Object> orderedWithStatusFirst(Map<String, Object> layer) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("status", layer.get("status"));
        layer.forEach(ordered::putIfAbsent);
        return ordered;
    }
}
