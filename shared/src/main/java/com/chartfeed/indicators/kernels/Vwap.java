package com.chartfeed.indicators.kernels;

import java.time.LocalDate;

/**
 * Volume-weighted average price anchored to a UTC period (no TA-Lib equivalent): the UTC day
 * ({@link Anchor#SESSION}), the week opening Monday 00:00 UTC as {@code Interval.W1} draws it, or
 * the UTC calendar month. A period starts at the first bar whose period differs from the previous
 * bar's; within it the value is sum(typical * volume) / sum(volume) with typical = (h + l + c) / 3.
 * Until the period has traded any volume the bar's own typical price stands in, so the output is
 * never NaN and never divides by zero.
 */
public final class Vwap {

    static final long SECONDS_PER_DAY = 86_400L;
    /** 1970-01-01 was a Thursday: day 4 (1970-01-05) is the first Monday. */
    private static final long MONDAY = 4;

    /** Where the sums restart; in the API's order ({@code anchor=session|week|month}). */
    public enum Anchor {
        SESSION, WEEK, MONTH;

        /** The period a UTC day (days since 1970-01-01) belongs to. */
        long period(long day) {
            return switch (this) {
                case SESSION -> day;
                case WEEK -> Math.floorDiv(day - MONDAY, 7);
                case MONTH -> {
                    LocalDate date = LocalDate.ofEpochDay(day);
                    yield date.getYear() * 12L + date.getMonthValue();
                }
            };
        }
    }

    private Vwap() {
    }

    public static int lookback() {
        return 0;
    }

    /** Anchored to the UTC day. */
    public static double[] compute(long[] openTimeEpochSeconds, double[] high, double[] low,
                                   double[] close, double[] volume) {
        return compute(openTimeEpochSeconds, high, low, close, volume, Anchor.SESSION);
    }

    public static double[] compute(long[] openTimeEpochSeconds, double[] high, double[] low,
                                   double[] close, double[] volume, Anchor anchor) {
        Kernels.checkSameLength(high, low, close, volume);
        int n = high.length;
        if (openTimeEpochSeconds.length != n) {
            throw new IllegalArgumentException(
                    "input columns differ in length: " + openTimeEpochSeconds.length + " vs " + n);
        }
        double[] out = new double[n];
        long lastDay = 0;
        long period = 0;
        double priceVolume = 0.0;
        double cumulativeVolume = 0.0;
        for (int i = 0; i < n; i++) {
            // floorDiv, not '/': bars before 1970 must still fall into their own UTC day.
            long day = Math.floorDiv(openTimeEpochSeconds[i], SECONDS_PER_DAY);
            // the period only changes with the day (and a month's takes a date to find)
            if (i == 0 || day != lastDay) {
                long next = anchor.period(day);
                if (i == 0 || next != period) {
                    period = next;
                    priceVolume = 0.0;
                    cumulativeVolume = 0.0;
                }
                lastDay = day;
            }
            double typical = (high[i] + low[i] + close[i]) / 3.0;
            priceVolume += typical * volume[i];
            cumulativeVolume += volume[i];
            out[i] = cumulativeVolume == 0.0 ? typical : priceVolume / cumulativeVolume;
        }
        return out;
    }
}
