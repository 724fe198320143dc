package com.chartfeed.load;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic OHLCV candles in the column form of {@code PUT /v1/candles}: a seeded random walk, so
 * that a rerun uploads exactly the same data (the upsert then rewrites rows instead of adding).
 */
public final class Candles {
    /** The server's limit is 100,000 a request; smaller bodies keep one PUT well under a second. */
    static final int MAX_PER_REQUEST = 50_000;
    /** 2026-01-01T00:00Z: a day boundary, so the last candle of every interval up to 1d opens here. */
    public static final long LAST_OPEN = 1_767_225_600L;

    private final long[] t;
    private final double[] o;
    private final double[] h;
    private final double[] l;
    private final double[] c;
    private final double[] v;

    private Candles(long[] t, double[] o, double[] h, double[] l, double[] c, double[] v) {
        this.t = t;
        this.o = o;
        this.h = h;
        this.l = l;
        this.c = c;
        this.v = v;
    }

    /** {@code count} candles of {@code intervalSeconds}, the last one opening at {@code lastOpen}. */
    public static Candles randomWalk(long seed, long intervalSeconds, long lastOpen, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] t = new long[count];
        double[] o = new double[count];
        double[] h = new double[count];
        double[] l = new double[count];
        double[] c = new double[count];
        double[] v = new double[count];
        double price = 50 + random.nextDouble() * 200;
        for (int i = 0; i < count; i++) {
            t[i] = lastOpen - (long) (count - 1 - i) * intervalSeconds;
            o[i] = price;
            price = next(random, price);
            c[i] = price;
            h[i] = round(Math.max(o[i], c[i]) * (1 + random.nextDouble() * 0.004));
            l[i] = round(Math.min(o[i], c[i]) * (1 - random.nextDouble() * 0.004));
            o[i] = round(o[i]);
            c[i] = round(c[i]);
            // Rounding may move open or close past the range; keep high >= max and low <= min.
            h[i] = Math.max(h[i], Math.max(o[i], c[i]));
            l[i] = Math.min(l[i], Math.min(o[i], c[i]));
            v[i] = Math.floor(1_000 + random.nextDouble() * 99_000);
        }
        return new Candles(t, o, h, l, c, v);
    }

    /** One candle at {@code openTime} that follows a previous close, for the live feed. */
    public static Candles next(long seed, long openTime, double previousClose) {
        SplittableRandom random = new SplittableRandom(seed);
        double open = previousClose;
        double close = round(next(random, open));
        double high = Math.max(open, close) + round(open * random.nextDouble() * 0.003);
        double low = Math.min(open, close) - round(open * random.nextDouble() * 0.003);
        return new Candles(new long[] {openTime}, new double[] {open}, new double[] {round(high)},
                new double[] {round(Math.max(0.01, low))}, new double[] {close},
                new double[] {Math.floor(1_000 + random.nextDouble() * 99_000)});
    }

    /** One given candle: a forming candle of the live-market feed, or a correction of the last one. */
    public static Candles of(long openTime, double open, double high, double low, double close, double volume) {
        return new Candles(new long[] {openTime}, new double[] {open}, new double[] {high}, new double[] {low},
                new double[] {close}, new double[] {volume});
    }

    /** The last {@code count} candles. */
    Candles last(int count) {
        int from = Math.max(0, t.length - count);
        return new Candles(Arrays.copyOfRange(t, from, t.length), Arrays.copyOfRange(o, from, o.length),
                Arrays.copyOfRange(h, from, h.length), Arrays.copyOfRange(l, from, l.length),
                Arrays.copyOfRange(c, from, c.length), Arrays.copyOfRange(v, from, v.length));
    }

    /**
     * The candles as PostgreSQL COPY text rows of {@code candles (symbol_id, "interval", ts, o, h, l, c, v)},
     * {@code from} inclusive to {@code to} exclusive. {@link Double#toString} is the shortest exact
     * decimal, which PostgreSQL reads back to the same double.
     */
    void appendCopyRows(StringBuilder out, long symbolId, String interval, int from, int to) {
        for (int i = from; i < to; i++) {
            out.append(symbolId).append('\t').append(interval).append('\t').append(t[i]).append('\t')
                    .append(o[i]).append('\t').append(h[i]).append('\t').append(l[i]).append('\t')
                    .append(c[i]).append('\t').append(v[i]).append('\n');
        }
    }

    private static double next(SplittableRandom random, double price) {
        return Math.max(1, price * Math.exp(random.nextGaussian() * 0.01));
    }

    private static double round(double price) {
        return Math.round(price * 10_000) / 10_000.0;
    }

    public int size() {
        return t.length;
    }

    public double lastClose() {
        return c[c.length - 1];
    }

    /** The open time of the last candle. */
    public long openTime() {
        return t[t.length - 1];
    }

    public double open() {
        return o[o.length - 1];
    }

    public double high() {
        return h[h.length - 1];
    }

    public double low() {
        return l[l.length - 1];
    }

    public double volume() {
        return v[v.length - 1];
    }

    List<Candles> chunks(int size) {
        List<Candles> chunks = new ArrayList<>();
        for (int from = 0; from < t.length; from += size) {
            int to = Math.min(t.length, from + size);
            chunks.add(new Candles(Arrays.copyOfRange(t, from, to), Arrays.copyOfRange(o, from, to),
                    Arrays.copyOfRange(h, from, to), Arrays.copyOfRange(l, from, to),
                    Arrays.copyOfRange(c, from, to), Arrays.copyOfRange(v, from, to)));
        }
        return chunks;
    }

    byte[] toJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("t", t);
        body.put("o", o);
        body.put("h", h);
        body.put("l", l);
        body.put("c", c);
        body.put("v", v);
        try {
            return ChartApi.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
