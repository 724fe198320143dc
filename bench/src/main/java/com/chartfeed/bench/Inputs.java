package com.chartfeed.bench;

import com.chartfeed.api.QueryParser;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorType;

import java.util.Map;

/**
 * The inputs every benchmark builds in its setup, in one place so that all of them (and
 * {@link Ratios}, which re-derives payload sizes) measure the same data.
 */
final class Inputs {
    /** {@link TestCandles} seeds its random walk from the symbol and interval: fixed here, fixed data. */
    static final String SYMBOL = "BENCH";
    static final double START_PRICE = 100.0;
    /** How many different series {@code inputs=rotating} cycles through, at most. */
    static final int ROTATION = 16;
    private static final int ROTATION_CANDLES = 1_000_000;

    private Inputs() {
    }

    /** {@code count} one-minute candles: a million of them still end before 2026 and start after 1970. */
    static CandleColumns candles(int count) {
        return TestCandles.randomWalk(SYMBOL, Interval.M1, count, START_PRICE);
    }

    /**
     * The series a kernel benchmark cycles through: for {@code same} just {@link #candles}, for
     * {@code rotating} that and further walks (other symbols), up to {@link #ROTATION} series or a
     * million candles in all. A series of a million candles is already more than a branch
     * predictor can learn, so it is not repeated with others.
     */
    static CandleColumns[] series(String inputs, int count) {
        int n = switch (inputs) {
            case "same" -> 1;
            case "rotating" -> Math.max(1, Math.min(ROTATION, ROTATION_CANDLES / count));
            default -> throw new IllegalArgumentException("inputs must be same or rotating, was " + inputs);
        };
        CandleColumns[] series = new CandleColumns[n];
        series[0] = candles(count);
        for (int i = 1; i < n; i++) {
            series[i] = TestCandles.randomWalk(SYMBOL + i, Interval.M1, count, START_PRICE);
        }
        return series;
    }

    static CandleColumns hourly(int count) {
        return TestCandles.randomWalk(SYMBOL, Interval.H1, count, START_PRICE);
    }

    /** TA-Lib's defaults, canonicalised exactly as a request without parameters would be. */
    static IndicatorParams defaults(IndicatorType type) {
        return QueryParser.params(type, Map.of());
    }

    static IndicatorType type(String code) {
        return IndicatorType.fromCode(code).orElseThrow(() -> new IllegalArgumentException("no indicator " + code));
    }
}
