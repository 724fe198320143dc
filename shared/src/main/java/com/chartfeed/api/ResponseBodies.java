package com.chartfeed.api;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import com.chartfeed.indicators.Window;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The JSON body of {@code GET /v1/candles}, cut from the whole history by a {@link Window}.
 * (Indicator bodies are written by {@link IndicatorJson}.)
 */
public final class ResponseBodies {
    private ResponseBodies() {
    }

    // ALWAYS: an empty window is empty columns ("t": []), which a chart can read, not missing ones.
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CandlesBody(String symbol, String interval, long[] t, double[] o, double[] h, double[] l,
                              double[] c, double[] v) {
    }

    public static CandlesBody candles(String symbol, Interval interval, CandleColumns candles, Window window) {
        int[] range = window.range(candles.t(), 0);
        CandleColumns part = candles.slice(range[0], range[1]);
        return new CandlesBody(symbol, interval.code(), part.t(), part.o(), part.h(), part.l(), part.c(), part.v());
    }
}
