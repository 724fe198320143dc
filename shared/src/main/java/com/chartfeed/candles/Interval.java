package com.chartfeed.candles;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The candle intervals the service stores, with their length in seconds.
 * Candle times are open times in epoch seconds, so a candle is valid only on its interval's grid.
 */
public enum Interval {
    M1("1m", 60),
    M5("5m", 300),
    M15("15m", 900),
    M30("30m", 1_800),
    H1("1h", 3_600),
    H4("4h", 14_400),
    D1("1d", 86_400),
    /** Weeks open on Monday 00:00 UTC, as charting libraries draw them. */
    W1("1w", 604_800);

    private static final long MONDAY_OFFSET = 4 * 86_400L; // 1970-01-01 was a Thursday; 1970-01-05 a Monday
    private static final Map<String, Interval> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Interval::code, interval -> interval));

    private final String code;
    private final long seconds;

    Interval(String code, long seconds) {
        this.code = code;
        this.seconds = seconds;
    }

    /** The API spelling: {@code 1m 5m 15m 30m 1h 4h 1d 1w}. */
    public String code() {
        return code;
    }

    public long seconds() {
        return seconds;
    }

    /** Whether {@code openTime} (epoch seconds) is the open time of a candle of this interval. */
    public boolean isAligned(long openTime) {
        return openTime(openTime) == openTime;
    }

    /** The open time of the candle of this interval that {@code time} (epoch seconds) falls in. */
    public long openTime(long time) {
        long offset = this == W1 ? MONDAY_OFFSET : 0;
        return time - Math.floorMod(time - offset, seconds);
    }

    public static Optional<Interval> fromCode(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }

    @Override
    public String toString() {
        return code;
    }
}
