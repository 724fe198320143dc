package com.chartfeed.ingestion;

import com.chartfeed.api.QueryParser;
import com.chartfeed.cache.CacheKey;
import com.chartfeed.candles.Interval;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Refresh-ahead records a read as its key's kind and must rebuild the very same key from it, for
 * every indicator, with default and non-default parameters; anything else is not refreshed.
 */
class RecordedKindsTest {

    @Test
    void everyIndicatorsKeyIsRebuiltFromItsKind() {
        for (IndicatorType type : IndicatorType.values()) {
            assertRoundTrip(QueryParser.params(type, Map.of()));
        }
        assertRoundTrip(QueryParser.params(IndicatorType.BBANDS, Map.of("period", "20", "stddev", "2.5", "source", "hl2")));
        assertRoundTrip(QueryParser.params(IndicatorType.MACD, Map.of("fast", "5", "slow", "35", "signal", "5")));
    }

    @Test
    void kindsThatAreNotValidSeriesAreNotRebuilt() {
        assertEquals(Optional.empty(), RefreshAhead.seriesParams("c"));
        assertEquals(Optional.empty(), RefreshAhead.seriesParams("s:nosuch:period=3"));
        assertEquals(Optional.empty(), RefreshAhead.seriesParams("s:sma:period=1"), "below the minimum");
        assertEquals(Optional.empty(), RefreshAhead.seriesParams("s:sma:peroid=30"));
        assertEquals(Optional.empty(), RefreshAhead.seriesParams("s:sma:period"));
    }

    private static void assertRoundTrip(IndicatorParams params) {
        String kind = CacheKey.series("AAPL", Interval.H1, params).kind();
        IndicatorParams rebuilt = RefreshAhead.seriesParams(kind).orElseThrow(() -> new AssertionError(kind));
        assertEquals(kind, CacheKey.series("AAPL", Interval.H1, rebuilt).kind());
    }
}
