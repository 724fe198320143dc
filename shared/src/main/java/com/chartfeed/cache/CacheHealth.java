package com.chartfeed.cache;

import com.chartfeed.candles.CandleStore;
import com.chartfeed.candles.DatabaseBreaker;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

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
    private final CandleStore store;
    private final DatabaseBreaker databaseBreaker;
    private final CacheClock clock;

    CacheHealth(TieredCache cache, L2Cache l2, CandleStore store, DatabaseBreaker databaseBreaker,
                       CacheClock clock) {
        this.cache = cache;
        this.l2 = l2;
        this.store = store;
        this.databaseBreaker = databaseBreaker;
        this.clock = clock;
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

        Map<String, Object> redis = l2.health();
        Object l2Status = redis.get("status");

        Map<String, Object> database = new LinkedHashMap<>();
        long start = clock.nanos();
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
            database.put("pingMillis", (clock.nanos() - start) / 1e6);
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
        return new Report(overall, l1, redis, database);
    }
}
