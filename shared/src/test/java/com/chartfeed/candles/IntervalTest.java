package com.chartfeed.candles;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Candles open on their interval's grid; weeks on Monday 00:00 UTC. */
class IntervalTest {
    private static final long THURSDAY_2026_01_01_1234 = Instant.parse("2026-01-01T12:34:56Z").getEpochSecond();

    @Test
    void theCandleATimeFallsInOpensOnTheGrid() {
        assertEquals(Instant.parse("2026-01-01T12:34:00Z").getEpochSecond(), Interval.M1.openTime(THURSDAY_2026_01_01_1234));
        assertEquals(Instant.parse("2026-01-01T12:30:00Z").getEpochSecond(), Interval.M15.openTime(THURSDAY_2026_01_01_1234));
        assertEquals(Instant.parse("2026-01-01T12:00:00Z").getEpochSecond(), Interval.H4.openTime(THURSDAY_2026_01_01_1234));
        assertEquals(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond(), Interval.D1.openTime(THURSDAY_2026_01_01_1234));
        long week = Interval.W1.openTime(THURSDAY_2026_01_01_1234);
        assertEquals(Instant.parse("2025-12-29T00:00:00Z").getEpochSecond(), week);
        assertEquals(DayOfWeek.MONDAY, Instant.ofEpochSecond(week).atOffset(ZoneOffset.UTC).getDayOfWeek());
        for (Interval interval : Interval.values()) {
            long open = interval.openTime(THURSDAY_2026_01_01_1234);
            assertTrue(interval.isAligned(open), interval.code());
            assertEquals(open, interval.openTime(open + interval.seconds() - 1), interval.code());
            assertEquals(open + interval.seconds(), interval.openTime(open + interval.seconds()), interval.code());
        }
        assertFalse(Interval.W1.isAligned(Interval.D1.openTime(THURSDAY_2026_01_01_1234)));
    }
}
