package com.chartfeed.cache;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.indicators.IndicatorSeries;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The compact binary form of cache entries in Redis, several times smaller and much cheaper to
 * write and read than JSON. All numbers little-endian:
 *
 * <pre>
 * byte    format        FORMAT_V1
 * byte    kind          1 = indicator series, 2 = candles
 * int64   generation
 * int64   computedAtMillis
 * int64   contentHash
 * series:  varint n (defined points), byte outputs (0..255),
 *          n zig-zag varint time deltas (the first from 0), outputs x n float64
 * candles: varint n, n zig-zag varint time deltas, then n float64 each of o, h, l, c, v
 * </pre>
 *
 * Times are deltas because candles are evenly spaced, so most take one to three bytes; values are
 * raw IEEE bits, so NaN, the infinities and -0.0 come back bit for bit. A series is stored from
 * {@code firstDefined} on (the warm-up prefix is NaN and never served) and decodes with
 * {@code firstDefined == 0}.
 *
 * <p>Decoding checks everything against the bytes actually present before allocating, and any
 * problem (unknown format or kind, truncation, impossible counts, trailing bytes) is a
 * {@link CodecException}, which the cache treats as a miss.
 */
public final class ColumnCodec {
    public static final byte FORMAT_V1 = 1;

    static final byte KIND_SERIES = 1;
    static final byte KIND_CANDLES = 2;
    static final int HEADER_BYTES = 2 + 3 * Long.BYTES;
    static final int MAX_OUTPUTS = 255;

    private static final int CANDLE_COLUMNS = 5;

    private ColumnCodec() {
    }

    public static byte[] encodeSeries(CacheEntry<IndicatorSeries> entry) {
        IndicatorSeries series = entry.value();
        long[] t = series.t();
        double[][] values = series.values();
        int size = t.length;
        int from = series.firstDefined();
        if (from < 0 || from > size) {
            throw new IllegalArgumentException("firstDefined " + from + " outside [0, " + size + "]");
        }
        if (values.length > MAX_OUTPUTS) {
            throw new IllegalArgumentException(values.length + " outputs, at most " + MAX_OUTPUTS);
        }
        for (double[] column : values) {
            if (column.length != size) {
                throw new IllegalArgumentException("column of " + column.length + " values for " + size + " times");
            }
        }
        int n = size - from;
        long length = HEADER_BYTES + varintSize(n) + 1L + deltaBytes(t, from, size) + 8L * n * values.length;
        ByteBuffer out = allocate(length);
        header(out, KIND_SERIES, entry);
        putVarint(out, n);
        out.put((byte) values.length);
        putDeltas(out, t, from, size);
        for (double[] column : values) {
            putDoubles(out, column, from, n);
        }
        return out.array();
    }

    public static CacheEntry<IndicatorSeries> decodeSeries(byte[] bytes) {
        ByteBuffer in = open(bytes, KIND_SERIES);
        long generation = in.getLong();
        long computedAt = in.getLong();
        long hash = in.getLong();
        int n = count(in);
        if (!in.hasRemaining()) {
            throw new CodecException("truncated before the output count");
        }
        int outputs = Byte.toUnsignedInt(in.get());
        // Every time takes at least one byte, so n and outputs x n are bounded before allocating.
        expectAtLeast(in, n + 8L * n * outputs);
        long[] t = getDeltas(in, n);
        expectExactly(in, 8L * n * outputs);
        double[][] values = new double[outputs][];
        for (int k = 0; k < outputs; k++) {
            values[k] = getDoubles(in, n);
        }
        return new CacheEntry<>(new IndicatorSeries(t, values, 0), generation, computedAt, hash);
    }

    public static byte[] encodeCandles(CacheEntry<CandleColumns> entry) {
        CandleColumns candles = entry.value();
        long[] t = candles.t();
        int n = t.length;
        long length = HEADER_BYTES + varintSize(n) + deltaBytes(t, 0, n) + 8L * n * CANDLE_COLUMNS;
        ByteBuffer out = allocate(length);
        header(out, KIND_CANDLES, entry);
        putVarint(out, n);
        putDeltas(out, t, 0, n);
        putDoubles(out, candles.o(), 0, n);
        putDoubles(out, candles.h(), 0, n);
        putDoubles(out, candles.l(), 0, n);
        putDoubles(out, candles.c(), 0, n);
        putDoubles(out, candles.v(), 0, n);
        return out.array();
    }

    public static CacheEntry<CandleColumns> decodeCandles(byte[] bytes) {
        ByteBuffer in = open(bytes, KIND_CANDLES);
        long generation = in.getLong();
        long computedAt = in.getLong();
        long hash = in.getLong();
        int n = count(in);
        expectAtLeast(in, n + 8L * n * CANDLE_COLUMNS);
        long[] t = getDeltas(in, n);
        expectExactly(in, 8L * n * CANDLE_COLUMNS);
        CandleColumns candles = new CandleColumns(t, getDoubles(in, n), getDoubles(in, n), getDoubles(in, n),
                getDoubles(in, n), getDoubles(in, n));
        return new CacheEntry<>(candles, generation, computedAt, hash);
    }

    // ---- encoding

    private static ByteBuffer allocate(long length) {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("value too large to encode: " + length + " bytes");
        }
        return ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void header(ByteBuffer out, byte kind, CacheEntry<?> entry) {
        out.put(FORMAT_V1).put(kind)
                .putLong(entry.generation()).putLong(entry.computedAtMillis()).putLong(entry.contentHash());
    }

    /** Sizing the times first is what lets the buffer be exact: the doubles' size is known anyway. */
    private static long deltaBytes(long[] t, int from, int to) {
        long bytes = 0;
        long previous = 0;
        for (int i = from; i < to; i++) {
            bytes += varintSize(zigZag(t[i] - previous));
            previous = t[i];
        }
        return bytes;
    }

    /** Deltas wrap on overflow, and so does their sum on decoding: any longs round-trip. */
    private static void putDeltas(ByteBuffer out, long[] t, int from, int to) {
        byte[] array = out.array();
        int pos = out.position();
        long previous = 0;
        for (int i = from; i < to; i++) {
            long value = zigZag(t[i] - previous);
            previous = t[i];
            while ((value & ~0x7FL) != 0) {
                array[pos++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            array[pos++] = (byte) value;
        }
        out.position(pos);
    }

    private static void putVarint(ByteBuffer out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.put((byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.put((byte) value);
    }

    private static void putDoubles(ByteBuffer out, double[] column, int from, int n) {
        out.asDoubleBuffer().put(column, from, n);
        out.position(out.position() + 8 * n);
    }

    static int varintSize(long value) {
        return (63 - Long.numberOfLeadingZeros(value | 1)) / 7 + 1;
    }

    private static long zigZag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    // ---- decoding

    private static ByteBuffer open(byte[] bytes, byte kind) {
        if (bytes == null || bytes.length < HEADER_BYTES) {
            throw new CodecException("shorter than the " + HEADER_BYTES + "-byte header");
        }
        if (bytes[0] != FORMAT_V1) {
            throw new CodecException("unknown format " + Byte.toUnsignedInt(bytes[0]));
        }
        if (bytes[1] != kind) {
            throw new CodecException("kind " + bytes[1] + " where " + kind + " was expected");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        in.position(2);
        return in;
    }

    private static int count(ByteBuffer in) {
        long n = getVarint(in);
        if (n < 0 || n > in.remaining()) {
            throw new CodecException("count " + Long.toUnsignedString(n) + " exceeds the " + in.remaining()
                    + " bytes left");
        }
        return (int) n;
    }

    private static void expectAtLeast(ByteBuffer in, long bytes) {
        if (in.remaining() < bytes) {
            throw new CodecException("truncated: " + bytes + " more bytes needed, " + in.remaining() + " left");
        }
    }

    private static void expectExactly(ByteBuffer in, long bytes) {
        if (in.remaining() != bytes) {
            throw new CodecException(bytes + " bytes of values expected, " + in.remaining() + " left");
        }
    }

    private static long[] getDeltas(ByteBuffer in, int n) {
        long[] t = new long[n];
        long previous = 0;
        for (int i = 0; i < n; i++) {
            long value = getVarint(in);
            previous += (value >>> 1) ^ -(value & 1);
            t[i] = previous;
        }
        return t;
    }

    private static long getVarint(ByteBuffer in) {
        byte[] array = in.array();
        int pos = in.position();
        int limit = in.limit();
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw new CodecException("truncated inside a varint");
            }
            byte b = array[pos++];
            // The tenth byte may only carry the 64th bit: more would be a value no encoder wrote.
            if (shift == 63 && (b & 0xFE) != 0) {
                throw new CodecException("varint longer than 64 bits");
            }
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                in.position(pos);
                return value;
            }
        }
        throw new CodecException("varint longer than 64 bits");
    }

    private static double[] getDoubles(ByteBuffer in, int n) {
        double[] column = new double[n];
        in.asDoubleBuffer().get(column);
        in.position(in.position() + 8 * n);
        return column;
    }
}
