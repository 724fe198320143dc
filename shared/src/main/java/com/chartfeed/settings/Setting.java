package com.chartfeed.settings;

import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Checks of one setting's value, for the compact constructors of the {@code @ConfigurationProperties}
 * records: a bad value stops the application context at start-up (the records are {@code @Context}
 * beans) with a message naming the setting as it is written in {@code application.yml}, and its
 * value as given, rather than failing later, on a request, somewhere else.
 */
public final class Setting {
    private static final List<Map.Entry<String, Duration>> UNITS = List.of(Map.entry("d", Duration.ofDays(1)),
            Map.entry("h", Duration.ofHours(1)), Map.entry("m", Duration.ofMinutes(1)),
            Map.entry("s", Duration.ofSeconds(1)), Map.entry("ms", Duration.ofMillis(1)));

    private Setting() {
    }

    /** {@code value}, at least 1 ms: timeouts, intervals and TTLs are used in milliseconds, and 0 means "never". */
    public static Duration positive(String name, @Nullable Duration value) {
        if (set(name, value).compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException(name + " (" + shown(value) + ") must be at least 1ms");
        }
        return value;
    }

    public static Duration notNegative(String name, @Nullable Duration value) {
        if (set(name, value).isNegative()) {
            throw new IllegalArgumentException(name + " (" + shown(value) + ") must not be negative");
        }
        return value;
    }

    public static long positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " (" + value + ") must be positive");
        }
        return value;
    }

    public static long notNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " (" + value + ") must not be negative");
        }
        return value;
    }

    public static int between(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " (" + value + ") must be between " + min + " and " + max);
        }
        return value;
    }

    /** Fails unless {@code value} (the setting {@code name}) is at most {@code limit} (the setting {@code limitName}). */
    public static void atMost(String name, Duration value, String limitName, Duration limit) {
        if (value.compareTo(limit) > 0) {
            throw new IllegalArgumentException(name + " (" + shown(value) + ") must not exceed " + limitName + " ("
                    + shown(limit) + ")");
        }
    }

    public static String notBlank(String name, @Nullable String value) {
        if (set(name, value).isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** {@code value}, which is absent only if {@code application.yml}, the home of every default, lost its line. */
    private static <T> T set(String name, @Nullable T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must be set");
        }
        return value;
    }

    /** As written in {@code application.yml}: {@code 2h}, {@code 90s}, {@code 50ms}, {@code -1s}. */
    static String shown(Duration value) {
        if (value.isZero()) {
            return "0s";
        }
        for (Map.Entry<String, Duration> unit : UNITS) {
            long count = value.dividedBy(unit.getValue());
            if (unit.getValue().multipliedBy(count).equals(value)) {
                return count + unit.getKey();
            }
        }
        return value.toString();
    }
}
