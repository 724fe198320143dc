package com.chartfeed.local;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * When a sample symbol trades, so its candles have the gaps its market has: a crypto pair every
 * second, a US stock in the regular session only. Holidays are not modelled.
 */
enum TradingHours {
    /** Every second of every day (crypto). */
    ALWAYS(86_400) {
        @Override
        long tradingSeconds(long from, long to) {
            return Math.max(0, to - from);
        }
    },
    /** US equities' regular session: 09:30 to 16:00 New York time (daylight saving included), Monday to Friday. */
    US_EQUITIES(6 * 3_600 + 1_800) {
        private static final ZoneRules NEW_YORK = ZoneId.of("America/New_York").getRules();
        private static final long OPEN = 9 * 3_600 + 1_800;
        /** The last day's session asked for: the walk asks about each minute, hour, ... of a day in turn. */
        private static Session last = new Session(Long.MIN_VALUE, 0);

        @Override
        long tradingSeconds(long from, long to) {
            long seconds = 0;
            // A session lies within one UTC day (13:30 to 21:00 UTC at the latest): sum per UTC day.
            for (long day = Math.floorDiv(from, 86_400); day <= Math.floorDiv(to - 1, 86_400); day++) {
                long midnight = day * 86_400;
                if (Math.floorMod(day + 3, 7) >= 5) { // 1970-01-01, day 0, was a Thursday: 0 is Monday
                    continue;
                }
                if (from <= midnight && midnight + 86_400 <= to) {
                    seconds += secondsPerDay();
                    continue;
                }
                Session session = last;
                if (session.day() != day) {
                    session = new Session(day,
                            midnight + OPEN - NEW_YORK.getOffset(Instant.ofEpochSecond(midnight + 43_200)).getTotalSeconds());
                    last = session;
                }
                seconds += Math.max(0, Math.min(to, session.open() + secondsPerDay()) - Math.max(from, session.open()));
            }
            return seconds;
        }
    };

    /** The opening time of a day's session; immutable, so a thread sees a whole one or an older one. */
    private record Session(long day, long open) {
    }

    private final long secondsPerDay;

    TradingHours(long secondsPerDay) {
        this.secondsPerDay = secondsPerDay;
    }

    /** How many seconds of {@code [from, to)} (epoch seconds) the market is open. */
    abstract long tradingSeconds(long from, long to);

    /** The length of one trading day, the unit its daily volatility and volume are quoted in. */
    long secondsPerDay() {
        return secondsPerDay;
    }
}
