package com.chartfeed.testing;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;

import java.util.SplittableRandom;

/**
 * Deterministic candles for tests and benchmarks: a seeded geometric random walk, each interval on
 * its own (the local server's sample candles are one market across intervals). It lives here, not
 * in {@code shared}'s main code, because a Lambda jar must carry nothing that makes up prices
 * (README, "Fail closed"), and the function modules' tests cannot see the local server.
 */
public final class TestCandles {
    /** The open time after the last candle: 2026-01-01T00:00:00Z. */
    public static final long END = 1_767_225_600L;

    private TestCandles() {
    }

    /**
     * {@code count} candles of {@code interval} ending before {@link #END}, starting near
     * {@code startPrice}, seeded by {@code symbol} and {@code interval}: the same arguments always
     * give the same candles.
     */
    public static CandleColumns randomWalk(String symbol, Interval interval, int count, double startPrice) {
        SplittableRandom random = new SplittableRandom(symbol.hashCode() * 31L + interval.ordinal());
        long last = END - interval.seconds();
        while (!interval.isAligned(last)) {
            last -= 86_400;
        }
        long[] t = new long[count];
        double[] o = new double[count];
        double[] h = new double[count];
        double[] l = new double[count];
        double[] c = new double[count];
        double[] v = new double[count];
        // Daily volatility ~2%, scaled to the interval like a random walk.
        double sigma = 0.02 * Math.sqrt(interval.seconds() / 86_400.0);
        double price = startPrice;
        for (int i = 0; i < count; i++) {
            t[i] = last - (long) (count - 1 - i) * interval.seconds();
            double open = price;
            double close = open * Math.exp(sigma * random.nextGaussian());
            double wick = Math.abs(sigma * random.nextGaussian()) * 0.5;
            o[i] = round(open);
            c[i] = round(close);
            h[i] = round(Math.max(open, close) * (1 + wick));
            l[i] = round(Math.min(open, close) * (1 - wick));
            h[i] = Math.max(h[i], Math.max(o[i], c[i]));
            l[i] = Math.min(l[i], Math.min(o[i], c[i]));
            // A few empty candles, as thin markets have.
            v[i] = random.nextInt(50) == 0 ? 0 : Math.round(1_000 + random.nextDouble() * 100_000);
            price = close;
        }
        return new CandleColumns(t, o, h, l, c, v);
    }

    private static double round(double price) {
        return Math.round(price * 10_000) / 10_000.0;
    }
}
