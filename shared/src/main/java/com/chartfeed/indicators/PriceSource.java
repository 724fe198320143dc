package com.chartfeed.indicators;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.LiveCandles;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The price series a single-input indicator runs over ({@code source=}). */
public enum PriceSource {
    OPEN, HIGH, LOW, CLOSE, HL2, HLC3, OHLC4;

    private static final Map<String, PriceSource> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(PriceSource::code, source -> source));

    private final String code = name().toLowerCase(Locale.ROOT);

    public String code() {
        return code;
    }

    public static Optional<PriceSource> fromCode(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }

    /** The column itself for plain prices (no copy), a computed column for the averages. */
    public double[] select(CandleColumns candles) {
        int n = candles.size();
        return switch (this) {
            case OPEN -> candles.o();
            case HIGH -> candles.h();
            case LOW -> candles.l();
            case CLOSE -> candles.c();
            case HL2 -> {
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (candles.h()[i] + candles.l()[i]) / 2.0;
                }
                yield out;
            }
            case HLC3 -> {
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (candles.h()[i] + candles.l()[i] + candles.c()[i]) / 3.0;
                }
                yield out;
            }
            case OHLC4 -> {
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (candles.o()[i] + candles.h()[i] + candles.l()[i] + candles.c()[i]) / 4.0;
                }
                yield out;
            }
        };
    }

    /** The value of {@link #select}'s column at candle {@code i}, by the same arithmetic, without building the column. */
    public double at(LiveCandles candles, int i) {
        return switch (this) {
            case OPEN -> candles.open(i);
            case HIGH -> candles.high(i);
            case LOW -> candles.low(i);
            case CLOSE -> candles.close(i);
            case HL2 -> (candles.high(i) + candles.low(i)) / 2.0;
            case HLC3 -> (candles.high(i) + candles.low(i) + candles.close(i)) / 3.0;
            case OHLC4 -> (candles.open(i) + candles.high(i) + candles.low(i) + candles.close(i)) / 4.0;
        };
    }
}
