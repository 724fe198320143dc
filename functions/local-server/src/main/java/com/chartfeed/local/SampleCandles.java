package com.chartfeed.local;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic sample candles, one market per symbol: every interval of a symbol is one price
 * path, so an hour's minutes add up to its hour candle and a week's days to its week candle. Built
 * from the finest interval up, backwards from {@link #END}: the last {@code count} candles of 1m
 * come from a seeded random walk; each coarser interval is the exact aggregation of the finer one
 * where that reaches, and extends it further back with candles of its own from the same walk, to
 * the start of a candle of the next interval up (so that one, too, is whole). The walk reverts to a
 * symbol's usual price range (an Ornstein–Uhlenbeck process on the log price, reflected at the
 * range's ends) and trades in the symbol's {@link TradingHours}. Only the local server has them: a
 * Lambda function must never answer with made-up prices.
 */
final class SampleCandles {
    /** The open time after the last sample candle: 2026-01-01T00:00:00Z. */
    static final long END = 1_767_225_600L;
    /** Steps of the walk within one generated candle, whose extremes make its high and low. */
    private static final int STEPS = 6;

    /**
     * A sample symbol: its last close, the range its price stays in, its daily volatility (of the log
     * price) and volume over one trading day, and when it trades.
     */
    record Market(String symbol, double lastClose, double low, double high, double dailyVolatility,
                  double dailyVolume, TradingHours hours) {
    }

    private SampleCandles() {
    }

    /** The last {@code count} candles of every interval; the same market always gives the same candles. */
    static Map<Interval, CandleColumns> generate(Market market, int count) {
        Walk walk = new Walk(market);
        Map<Interval, CandleColumns> all = new EnumMap<>(Interval.class);
        Interval[] intervals = Interval.values();
        Candles finer = new Candles(0);
        for (int k = 0; k < intervals.length; k++) {
            Interval interval = intervals[k];
            Interval coarser = k + 1 < intervals.length ? intervals[k + 1] : null;
            Candles recent = finer.aggregate(interval);
            Candles older = new Candles(count);
            long cursor = recent.size > 0 ? recent.t[0] : interval.openTime(END - 1) + interval.seconds();
            double close = recent.size > 0 ? recent.o[0] : round(market.lastClose());
            while (older.size + recent.size < count || (coarser != null && !coarser.isAligned(cursor))) {
                cursor -= interval.seconds();
                long trading = market.hours().tradingSeconds(cursor, cursor + interval.seconds());
                if (trading > 0) {
                    close = walk.candleBefore(older, cursor, trading, close);
                }
            }
            finer = older.reverse().append(recent);
            all.put(interval, finer.last(count));
        }
        return all;
    }

    private static double round(double price) {
        return Math.round(price * 100) / 100.0;
    }

    /** The walk, taken backwards in time (an Ornstein–Uhlenbeck process looks the same either way). */
    private static final class Walk {
        private final Market market;
        private final SplittableRandom random;
        private final double mean;
        private final double reversion;
        private final double floor;
        private final double ceiling;

        Walk(Market market) {
            this.market = market;
            this.random = new SplittableRandom(market.symbol().hashCode());
            double low = Math.log(market.low());
            double high = Math.log(market.high());
            mean = (low + high) / 2;
            // Reverting so fast that one standard deviation of the stationary spread is a seventh of the range.
            double spread = (high - low) / 7;
            reversion = market.dailyVolatility() * market.dailyVolatility() / (2 * spread * spread);
            // Reflected a little inside the range; the wicks are cut at its ends.
            floor = low + 0.05;
            ceiling = high - 0.05;
        }

        /**
         * Adds to {@code candles} the candle opening at {@code time}, trading {@code tradingSeconds},
         * that closes at {@code close}; returns its open, the close of the candle before it.
         */
        double candleBefore(Candles candles, long time, long tradingSeconds, double close) {
            double days = (double) tradingSeconds / market.hours().secondsPerDay();
            double step = days / STEPS;
            double sd = market.dailyVolatility() * Math.sqrt(step);
            double x = Math.log(close);
            double top = x;
            double bottom = x;
            for (int i = 0; i < STEPS; i++) {
                x += reversion * (mean - x) * step + sd * random.nextGaussian();
                x = x > ceiling ? 2 * ceiling - x : x < floor ? 2 * floor - x : x;
                top = Math.max(top, x);
                bottom = Math.min(bottom, x);
            }
            double open = round(Math.exp(x));
            double wickUp = Math.min(round(Math.exp(top + 0.3 * sd * Math.abs(random.nextGaussian()))), market.high());
            double wickDown = Math.max(round(Math.exp(bottom - 0.3 * sd * Math.abs(random.nextGaussian()))), market.low());
            double high = Math.max(wickUp, Math.max(open, close));
            double low = Math.min(wickDown, Math.min(open, close));
            double volume = Math.max(1, Math.round(market.dailyVolume() * days * (0.5 + random.nextDouble())));
            candles.add(time, open, high, low, close, volume);
            return open;
        }
    }

    /** Growable candle columns. */
    private static final class Candles {
        long[] t;
        double[] o;
        double[] h;
        double[] l;
        double[] c;
        double[] v;
        int size;

        Candles(int capacity) {
            t = new long[Math.max(capacity, 16)];
            o = new double[t.length];
            h = new double[t.length];
            l = new double[t.length];
            c = new double[t.length];
            v = new double[t.length];
        }

        void add(long time, double open, double high, double low, double close, double volume) {
            if (size == t.length) {
                int capacity = 2 * size;
                t = Arrays.copyOf(t, capacity);
                o = Arrays.copyOf(o, capacity);
                h = Arrays.copyOf(h, capacity);
                l = Arrays.copyOf(l, capacity);
                c = Arrays.copyOf(c, capacity);
                v = Arrays.copyOf(v, capacity);
            }
            t[size] = time;
            o[size] = open;
            h[size] = high;
            l[size] = low;
            c[size] = close;
            v[size] = volume;
            size++;
        }

        /** The candles of {@code interval} these (ascending) make: first open, highest high, lowest low, last close, total volume. */
        Candles aggregate(Interval interval) {
            Candles out = new Candles(size);
            for (int i = 0; i < size; i++) {
                long open = interval.openTime(t[i]);
                int last = out.size - 1;
                if (last >= 0 && out.t[last] == open) {
                    out.h[last] = Math.max(out.h[last], h[i]);
                    out.l[last] = Math.min(out.l[last], l[i]);
                    out.c[last] = c[i];
                    out.v[last] += v[i];
                } else {
                    out.add(open, o[i], h[i], l[i], c[i], v[i]);
                }
            }
            return out;
        }

        Candles reverse() {
            Candles out = new Candles(size);
            for (int i = size - 1; i >= 0; i--) {
                out.add(t[i], o[i], h[i], l[i], c[i], v[i]);
            }
            return out;
        }

        Candles append(Candles later) {
            for (int i = 0; i < later.size; i++) {
                add(later.t[i], later.o[i], later.h[i], later.l[i], later.c[i], later.v[i]);
            }
            return this;
        }

        CandleColumns last(int count) {
            int from = Math.max(0, size - count);
            return new CandleColumns(Arrays.copyOfRange(t, from, size), Arrays.copyOfRange(o, from, size),
                    Arrays.copyOfRange(h, from, size), Arrays.copyOfRange(l, from, size),
                    Arrays.copyOfRange(c, from, size), Arrays.copyOfRange(v, from, size));
        }
    }
}
