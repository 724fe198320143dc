package com.chartfeed.cache;

import com.chartfeed.candles.Interval;
import com.chartfeed.indicators.IndicatorParams;
import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;

/**
 * What a cache entry is: the candles of a (symbol, interval), or an indicator series of one with
 * canonical params. Windows ({@code limit/from/to}) are never part of a key: entries hold whole
 * histories and are sliced per request. Built only from validated parts, so no user text reaches Redis.
 *
 * @param params canonical indicator text ({@code macd:fast=12,slow=26,signal=9,source=close}), or
 *               {@code null} for candles
 */
public record CacheKey(String symbol, Interval interval, @Nullable String params) {

    public static CacheKey candles(String symbol, Interval interval) {
        return new CacheKey(symbol, interval, null);
    }

    public static CacheKey series(String symbol, Interval interval, IndicatorParams params) {
        return new CacheKey(symbol, interval, params.type().code() + ":" + params.canonical());
    }

    public boolean isCandles() {
        return params == null;
    }

    public Scope scope() {
        return new Scope(symbol, interval);
    }

    /**
     * The Redis key. The hash tag {@code {SYMBOL}} puts a symbol's values and generations in one
     * cluster slot, so a generation and a value (or a whole batch on one symbol) come back in one MGET.
     */
    public byte[] redisKey() {
        return ("cf:{" + symbol + "}:" + interval.code() + ":" + kind()).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What the key is within its scope: {@code c} for candles, {@code s:<params>} for a series. The
     * last part of the Redis key, and what refresh-ahead records of a read (the scope is known).
     */
    public String kind() {
        return isCandles() ? "c" : "s:" + params;
    }

    @Override
    public String toString() {
        return symbol + "/" + interval.code() + (isCandles() ? "/candles" : "/" + params);
    }

    /** A (symbol, interval): the unit of invalidation, with one generation counter in Redis. */
    public record Scope(String symbol, Interval interval) {
        public byte[] generationKey() {
            return ("cf:{" + symbol + "}:" + interval.code() + ":gen").getBytes(StandardCharsets.UTF_8);
        }

        /** A sorted set of the {@link #kind()}s read in one counting window, scored by reads (refresh-ahead). */
        public byte[] readsKey(long window) {
            return ("cf:{" + symbol + "}:" + interval.code() + ":reads:" + window).getBytes(StandardCharsets.UTF_8);
        }
    }
}
