package com.chartfeed.cache;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.TestCandles;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** An L1 entry lives for its value's retention, counted from when that value was computed. */
class L1ExpiryTest {
    private static final Duration RETENTION = Duration.ofHours(2); // 1h candles: TTL 1 h, then stale for 1 h

    private final AtomicLong ticker = new AtomicLong(1_000_000_000L);
    private final AtomicLong wall = new AtomicLong(1_800_000_000_000L);
    private final L1Cache l1 = new L1Cache(settings(), new CacheStats(),
            new CacheClock(ticker::get, () -> Instant.ofEpochMilli(wall.get())));
    private final CandleColumns candles = TestCandles.randomWalk("EXPIRY", Interval.H1, 10, 100);
    private final CacheKey key = CacheKey.candles("EXPIRY", Interval.H1);

    @Test
    void anEntryReplacedByAReloadGetsTheExpiryOfItsNewValue() {
        l1.put(key, CacheEntry.of(candles, 1, wall.get()));
        pass(RETENTION.minusMinutes(1));
        l1.put(key, CacheEntry.of(candles, 2, wall.get())); // reloaded: a new version, computed now
        pass(Duration.ofMinutes(2));
        CacheEntry<?> held = l1.get(key);
        assertNotNull(held, "the reloaded entry expired with the first one");
        assertEquals(2, held.generation());
        pass(RETENTION);
        assertNull(l1.get(key), "kept past its own retention");
    }

    @Test
    void anEntryComputedEarlierLivesOnlyWhatIsLeftOfItsRetention() {
        // An L2 value computed an hour and a half ago by another container.
        l1.put(key, CacheEntry.of(candles, 1, wall.get() - Duration.ofMinutes(90).toMillis()));
        pass(Duration.ofMinutes(29));
        assertNotNull(l1.get(key));
        pass(Duration.ofMinutes(2));
        assertNull(l1.get(key));
    }

    @Test
    void aLateLoadOfAnOlderVersionDoesNotReplaceANewerOne() {
        l1.put(key, CacheEntry.of(candles, 7, wall.get()));
        l1.put(key, CacheEntry.of(candles, 6, wall.get()));
        assertEquals(7, l1.get(key).generation());
    }

    private void pass(Duration duration) {
        ticker.addAndGet(duration.toNanos());
        wall.addAndGet(duration.toMillis());
    }

    private static CacheSettings settings() {
        return new CacheSettings(64L << 20, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofHours(1),
                Duration.ofHours(1), Duration.ofSeconds(300), Duration.ofMillis(50), Duration.ofSeconds(2),
                Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofSeconds(10),
                Duration.ofSeconds(1), 10_000);
    }
}
