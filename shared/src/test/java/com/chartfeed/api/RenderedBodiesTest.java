package com.chartfeed.api;

import com.chartfeed.cache.CacheEntry;
import com.chartfeed.cache.CacheKey;
import com.chartfeed.cache.CacheSource;
import com.chartfeed.cache.Lookup;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorSeries;
import com.chartfeed.indicators.IndicatorType;
import com.chartfeed.indicators.Window;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Indicator bodies written from the cached columns, and kept for the next request of the same window. */
class RenderedBodiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final IndicatorParams macd = QueryParser.params(IndicatorType.MACD, Map.of("fast", "5", "slow", "13"));
    private final CandleColumns candles = TestCandles.randomWalk("RENDER", Interval.H1, 400, 100.0);
    private final CacheKey key = CacheKey.series("RENDER", Interval.H1, macd);

    @Test
    void theBodyHoldsTheWindowOfEveryColumnExactly() throws Exception {
        IndicatorSeries series = IndicatorSeries.compute(candles, macd);
        byte[] body = bodies(1 << 20).indicator(key, macd, lookup(series), Window.last(50));

        JsonNode json = JSON.readTree(body);
        assertEquals("RENDER", json.get("symbol").asText());
        assertEquals("1h", json.get("interval").asText());
        assertEquals("macd", json.get("indicator").asText());
        assertEquals(5, json.get("params").get("fast").asInt());
        assertEquals("close", json.get("params").get("source").asText());
        int n = series.size();
        assertEquals(50, json.get("t").size());
        assertEquals(series.t()[n - 50], json.get("t").get(0).asLong());
        assertEquals(series.t()[n - 1], json.get("t").get(49).asLong());
        String[] outputs = {"macd", "signal", "hist"};
        for (int column = 0; column < outputs.length; column++) {
            JsonNode values = json.get("series").get(outputs[column]);
            assertEquals(50, values.size());
            for (int i = 0; i < 50; i++) {
                // Bit-exact: the shortest decimal that reads back as the same double.
                assertEquals(series.values()[column][n - 50 + i], values.get(i).asDouble(), 0.0);
            }
        }
    }

    @Test
    void theSameWindowOfTheSameContentIsWrittenOnce() {
        RenderedBodies bodies = bodies(1 << 20);
        Lookup<IndicatorSeries> lookup = lookup(IndicatorSeries.compute(candles, macd));
        byte[] first = bodies.indicator(key, macd, lookup, Window.last(100));

        assertSame(first, bodies.indicator(key, macd, lookup, Window.last(100)));
        assertFalse(first.length == bodies.indicator(key, macd, lookup, Window.last(10)).length,
                "another window is another body");
    }

    @Test
    void newContentUnderTheSameKeyGetsANewBody() {
        RenderedBodies bodies = bodies(1 << 20);
        byte[] before = bodies.indicator(key, macd, lookup(IndicatorSeries.compute(candles, macd)), Window.last(100));

        CandleColumns moved = TestCandles.randomWalk("RENDER", Interval.H1, 400, 101.0);
        byte[] after = bodies.indicator(key, macd, lookup(IndicatorSeries.compute(moved, macd)), Window.last(100));

        assertNotSame(before, after);
        assertFalse(java.util.Arrays.equals(before, after));
    }

    @Test
    void withNoRoomEveryBodyIsWrittenAfreshAndStillRight() {
        RenderedBodies bodies = bodies(0);
        Lookup<IndicatorSeries> lookup = lookup(IndicatorSeries.compute(candles, macd));
        byte[] first = bodies.indicator(key, macd, lookup, Window.last(100));
        byte[] second = bodies.indicator(key, macd, lookup, Window.last(100));

        assertArrayEquals(first, second);
    }

    private static RenderedBodies bodies(long maximumWeight) {
        return new RenderedBodies(new ResponseSettings(maximumWeight));
    }

    private static Lookup<IndicatorSeries> lookup(IndicatorSeries series) {
        return new Lookup<>(CacheEntry.of(series, 1, System.currentTimeMillis()), CacheSource.HIT_L1);
    }
}
