package com.chartfeed.testing;

import com.chartfeed.candles.CandleColumns;

/** Candles as the upload CSV. */
public final class Csv {
    private Csv() {
    }

    public static String of(CandleColumns candles) {
        StringBuilder csv = new StringBuilder("time,open,high,low,close,volume\n");
        for (int i = 0; i < candles.size(); i++) {
            csv.append(candles.t()[i]).append(',').append(candles.o()[i]).append(',').append(candles.h()[i])
                    .append(',').append(candles.l()[i]).append(',').append(candles.c()[i]).append(',')
                    .append(candles.v()[i]).append('\n');
        }
        return csv.toString();
    }
}
