package com.chartfeed.api;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorSeries;
import com.chartfeed.indicators.Window;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON bodies of the read routes, cut from whole-history series by a {@link Window}. */
public final class ResponseBodies {
    private ResponseBodies() {
    }

    @Serdeable
    public record IndicatorBody(String symbol, String interval, String indicator, Map<String, Object> params,
                                long[] t, Map<String, double[]> series) {
    }

    @Serdeable
    public record CandlesBody(String symbol, String interval, long[] t, double[] o, double[] h, double[] l,
                              double[] c, double[] v) {
    }

    public static IndicatorBody indicator(String symbol, Interval interval, IndicatorParams params,
                                          IndicatorSeries series, Window window) {
        int[] range = window.range(series.t(), series.firstDefined());
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (int i = 0; i < series.values().length; i++) {
            columns.put(params.type().outputs().get(i), Arrays.copyOfRange(series.values()[i], range[0], range[1]));
        }
        return new IndicatorBody(symbol, interval.code(), params.type().code(), params.asMap(),
                Arrays.copyOfRange(series.t(), range[0], range[1]), columns);
    }

    public static CandlesBody candles(String symbol, Interval interval, CandleColumns candles, Window window) {
        int[] range = window.range(candles.t(), 0);
        CandleColumns part = candles.slice(range[0], range[1]);
        return new CandlesBody(symbol, interval.code(), part.t(), part.o(), part.h(), part.l(), part.c(), part.v());
    }
}
