package com.chartfeed.indicators.kernels;

import java.util.Random;

/** Deterministic synthetic candles for the comparisons; every generator takes a fixed seed. */
final class MarketData {

    static final long FIFTEEN_MINUTES = 15 * 60;
    /** 2023-11-14 22:00 UTC: not a midnight, so the first UTC session is a short one. */
    static final long START = 1_700_000_000L - (1_700_000_000L % FIFTEEN_MINUTES);

    private MarketData() {
    }

    /**
     * A geometric random walk of 15-minute candles: open at the previous close (sometimes
     * gapped), high/low outside the body, about 3% flat bars, 5% zero-volume bars. With
     * tick > 0 every price is rounded to the tick, which produces many exact ties (equal
     * highs, unchanged closes) and so exercises the comparison branches in the kernels.
     */
    static Series randomWalk(String name, long seed, int n, double startPrice,
                             double volatility, double tick) {
        Random random = new Random(seed);
        long[] time = new long[n];
        double[] open = new double[n];
        double[] high = new double[n];
        double[] low = new double[n];
        double[] close = new double[n];
        double[] volume = new double[n];
        double prevClose = startPrice;
        for (int i = 0; i < n; i++) {
            time[i] = START + i * FIFTEEN_MINUTES;
            double o = prevClose;
            if (random.nextDouble() < 0.02) {
                o = prevClose * Math.exp(3 * volatility * random.nextGaussian());
            }
            double c = random.nextDouble() < 0.03
                    ? o
                    : o * Math.exp(volatility * random.nextGaussian());
            double h = Math.max(o, c) * (1 + 0.5 * volatility * Math.abs(random.nextGaussian()));
            double l = Math.min(o, c) * (1 - 0.5 * volatility * Math.abs(random.nextGaussian()));
            if (tick > 0) {
                // Rounding is monotonic, so high >= max(open, close) >= min(open, close) >= low holds.
                o = round(o, tick);
                c = round(c, tick);
                h = round(h, tick);
                l = round(l, tick);
            }
            open[i] = o;
            high[i] = h;
            low[i] = l;
            close[i] = c;
            volume[i] = random.nextDouble() < 0.05 ? 0.0 : Math.floor(-Math.log(1 - random.nextDouble()) * 1000);
            prevClose = c;
        }
        return new Series(name, time, open, high, low, close, volume);
    }

    /** Every price equal (to a value that is not a binary fraction, so averaging rounds). */
    static Series constant(String name, int n, double price, double volume) {
        Series base = randomWalk(name, 1, n, 100, 0.002, 0);
        for (int i = 0; i < n; i++) {
            base.open()[i] = price;
            base.high()[i] = price;
            base.low()[i] = price;
            base.close()[i] = price;
            base.volume()[i] = volume;
        }
        return base;
    }

    /** A walk whose prices jump x100 for bars [from, to) and then fall back. */
    static Series priceGap(String name, long seed, int n, int from, int to) {
        Series walk = randomWalk(name, seed, n, 100, 0.002, 0);
        for (int i = from; i < to; i++) {
            walk.open()[i] *= 100;
            walk.high()[i] *= 100;
            walk.low()[i] *= 100;
            walk.close()[i] *= 100;
        }
        return walk;
    }

    /**
     * A walk that trades inside a fixed high/low band during bars [from, to): highs and lows
     * never change there, so there is no directional movement while the true range stays
     * nonzero (ADX's zero-DI path), and %R/%K see a constant range.
     */
    static Series stuckInRange(String name, long seed, int n, int from, int to) {
        Series walk = randomWalk(name, seed, n, 100, 0.002, 0);
        Random random = new Random(seed);
        double mid = from == 0 ? 100 : walk.close()[from - 1];
        double high = mid * 1.005;
        double low = mid * 0.995;
        for (int i = from; i < to; i++) {
            walk.high()[i] = high;
            walk.low()[i] = low;
            walk.open()[i] = low + (high - low) * random.nextDouble();
            walk.close()[i] = low + (high - low) * random.nextDouble();
        }
        return walk;
    }

    private static double round(double price, double tick) {
        return Math.round(price / tick) * tick;
    }
}
