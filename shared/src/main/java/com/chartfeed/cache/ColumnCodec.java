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
 * byte    format        FORMAT_V2 (written) or FORMAT_V1 (still read)
 * byte    kind          1 = indicator series, 2 = candles
 * int64   generation
 * int64   computedAtMillis
 * int64   contentHash
 * series:  varint n (defined points), byte outputs (0..255),
 *          n zig-zag varint time deltas (the first from 0), then one column per output
 * candles: varint n, n zig-zag varint time deltas, then the columns o, h, l, c, v
 *
 * V1 column:  n float64
 * V2 column:  byte mode, then
 *   mode 0:      n float64
 *   mode 1 + d:  (d = 0..8) n zig-zag varint deltas (the first from 0) of the scaled longs s_i;
 *                value i is the double s_i / 10^d
 * </pre>
 *
 * Times are deltas because candles are evenly spaced, so most take one to three bytes. Prices are
 * short decimals that cost 8 bytes each as raw doubles, but scaled to integers they move little
 * from one candle to the next, so their deltas take two or three bytes. The encoder takes the
 * smallest d at which every value of the column comes back bit for bit from
 * {@code (double) s / 10^d}, and raw if there is none: NaN, the infinities, -0.0 and computed
 * values such as 1/3 or 0.1 + 0.2 make their column raw, so round trips stay bit-exact in both
 * modes. Decoding divides, like the check, because multiplying by 10^-d (not exact in binary) gives
 * different bits; 10^d up to 10^8 is an exact double, so the division is correctly rounded and the
 * same on every JVM. Scaled values stay below 2^53 in magnitude, so they are exact as doubles and
 * their varint deltas never take more than 8 bytes: a decimal column is never larger than a raw
 * one. Indicator outputs are computed and nearly always raw, which costs the encoder about one
 * value per d tried, as the first value already fails.
 *
 * <p>A series is stored from {@code firstDefined} on (the warm-up prefix is NaN and never served)
 * and decodes with {@code firstDefined == 0}.
 *
 * <p>Decoding checks everything against the bytes actually present before allocating, and any
 * problem (unknown format, kind or column mode, truncation, impossible counts, scaled values no
 * encoder writes, trailing bytes) is a {@link CodecException}, which the cache treats as a miss.
 */
public final class ColumnCodec {
    public static final byte FORMAT_V1 = 1;
    public static final byte FORMAT_V2 = 2;

    static final byte KIND_SERIES = 1;
    static final byte KIND_CANDLES = 2;
    static final int HEADER_BYTES = 2 + 3 * Long.BYTES;
    static final int MAX_OUTPUTS = 255;
    static final int MODE_RAW = 0;
    static final int MAX_DECIMALS = 8;

    private static final int CANDLE_COLUMNS = 5;
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
    private static final double SCALED_LIMIT = 0x1p53;
    private static final long SCALED_LIMIT_LONG = 1L << 53;

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
        long[] plans = new long[values.length];
        long length = HEADER_BYTES + varintSize(n) + 1L + deltaBytes(t, from, size);
        for (int k = 0; k < values.length; k++) {
            plans[k] = plan(values[k], from, size);
            length += 1 + plannedBytes(plans[k]);
        }
        ByteBuffer out = allocate(length);
        header(out, KIND_SERIES, entry);
        putVarint(out, n);
        out.put((byte) values.length);
        putDeltas(out, t, from, size);
        for (int k = 0; k < values.length; k++) {
            putColumn(out, values[k], from, size, plans[k]);
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
        double[][] values = new double[outputs][];
        long[] t;
        if (bytes[0] == FORMAT_V1) {
            // Every time takes at least one byte, so n and outputs x n are bounded before allocating.
            expectAtLeast(in, n + 8L * n * outputs);
            t = getDeltas(in, n);
            expectExactly(in, 8L * n * outputs);
            for (int k = 0; k < outputs; k++) {
                values[k] = getDoubles(in, n);
            }
        } else {
            // Likewise every decimal value and every mode byte: the least a V2 series can take.
            expectAtLeast(in, n + outputs * (1L + n));
            t = getDeltas(in, n);
            for (int k = 0; k < outputs; k++) {
                values[k] = getColumn(in, n, (outputs - 1L - k) * (1L + n));
            }
            expectEnd(in);
        }
        return new CacheEntry<>(new IndicatorSeries(t, values, 0), generation, computedAt, hash);
    }

    public static byte[] encodeCandles(CacheEntry<CandleColumns> entry) {
        CandleColumns candles = entry.value();
        long[] t = candles.t();
        int n = t.length;
        double[][] columns = {candles.o(), candles.h(), candles.l(), candles.c(), candles.v()};
        long[] plans = new long[CANDLE_COLUMNS];
        long length = HEADER_BYTES + varintSize(n) + deltaBytes(t, 0, n);
        for (int k = 0; k < CANDLE_COLUMNS; k++) {
            plans[k] = plan(columns[k], 0, n);
            length += 1 + plannedBytes(plans[k]);
        }
        ByteBuffer out = allocate(length);
        header(out, KIND_CANDLES, entry);
        putVarint(out, n);
        putDeltas(out, t, 0, n);
        for (int k = 0; k < CANDLE_COLUMNS; k++) {
            putColumn(out, columns[k], 0, n, plans[k]);
        }
        return out.array();
    }

    public static CacheEntry<CandleColumns> decodeCandles(byte[] bytes) {
        ByteBuffer in = open(bytes, KIND_CANDLES);
        long generation = in.getLong();
        long computedAt = in.getLong();
        long hash = in.getLong();
        int n = count(in);
        double[][] columns = new double[CANDLE_COLUMNS][];
        long[] t;
        if (bytes[0] == FORMAT_V1) {
            expectAtLeast(in, n + 8L * n * CANDLE_COLUMNS);
            t = getDeltas(in, n);
            expectExactly(in, 8L * n * CANDLE_COLUMNS);
            for (int k = 0; k < CANDLE_COLUMNS; k++) {
                columns[k] = getDoubles(in, n);
            }
        } else {
            expectAtLeast(in, n + CANDLE_COLUMNS * (1L + n));
            t = getDeltas(in, n);
            for (int k = 0; k < CANDLE_COLUMNS; k++) {
                columns[k] = getColumn(in, n, (CANDLE_COLUMNS - 1L - k) * (1L + n));
            }
            expectEnd(in);
        }
        CandleColumns candles = new CandleColumns(t, columns[0], columns[1], columns[2], columns[3], columns[4]);
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
        out.put(FORMAT_V2).put(kind)
                .putLong(entry.generation()).putLong(entry.computedAtMillis()).putLong(entry.contentHash());
    }

    /**
     * The column's mode in the low byte and, above it, the bytes it takes after the mode byte.
     * Sizing every column before writing is what keeps the output a single exact-size array.
     */
    private static long plan(double[] column, int from, int to) {
        for (int d = 0; d <= MAX_DECIMALS; d++) {
            long bytes = decimalBytes(column, from, to, POW10[d]);
            if (bytes >= 0) {
                return bytes << 8 | (1 + d);
            }
        }
        return 8L * (to - from) << 8 | MODE_RAW;
    }

    private static long plannedBytes(long plan) {
        return plan >>> 8;
    }

    /**
     * The bytes of the column's varints at this scale, or -1 at the first value that would not
     * come back bit for bit: computed values fail on their first, so trying all nine scales on a
     * raw column costs about nine values, not nine passes.
     */
    private static long decimalBytes(double[] column, int from, int to, double scale) {
        long bytes = 0;
        long previous = 0;
        for (int i = from; i < to; i++) {
            double value = column[i];
            double scaled = value * scale;
            // Negated so NaN fails too; the infinities fail as not below the limit.
            if (!(Math.abs(scaled) < SCALED_LIMIT)) {
                return -1;
            }
            long s = Math.round(scaled);
            if (Double.doubleToRawLongBits((double) s / scale) != Double.doubleToRawLongBits(value)) {
                return -1;
            }
            bytes += varintSize(zigZag(s - previous));
            previous = s;
        }
        return bytes;
    }

    private static void putColumn(ByteBuffer out, double[] column, int from, int to, long plan) {
        int mode = (int) (plan & 0xFF);
        out.put((byte) mode);
        if (mode == MODE_RAW) {
            putDoubles(out, column, from, to - from);
        } else {
            putDecimals(out, column, from, to, POW10[mode - 1]);
        }
    }

    /** Rounds exactly as {@link #decimalBytes} did, so the varints are the ones it sized. */
    private static void putDecimals(ByteBuffer out, double[] column, int from, int to, double scale) {
        byte[] array = out.array();
        int pos = out.position();
        long previous = 0;
        for (int i = from; i < to; i++) {
            long s = Math.round(column[i] * scale);
            long value = zigZag(s - previous);
            previous = s;
            while ((value & ~0x7FL) != 0) {
                array[pos++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            array[pos++] = (byte) value;
        }
        out.position(pos);
    }

    /** Sizing the times first, like the columns, is what lets the buffer be exact. */
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
        if (bytes[0] != FORMAT_V1 && bytes[0] != FORMAT_V2) {
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

    private static void expectEnd(ByteBuffer in) {
        if (in.hasRemaining()) {
            throw new CodecException(in.remaining() + " bytes after the last column");
        }
    }

    /**
     * One V2 column of n values. {@code minAfter} is the least the columns after it take, so a
     * raw column's 8n bytes are checked against what the rest must leave before allocating.
     */
    private static double[] getColumn(ByteBuffer in, int n, long minAfter) {
        if (!in.hasRemaining()) {
            throw new CodecException("truncated before a column mode");
        }
        int mode = Byte.toUnsignedInt(in.get());
        if (mode == MODE_RAW) {
            expectAtLeast(in, 8L * n + minAfter);
            return getDoubles(in, n);
        }
        if (mode > 1 + MAX_DECIMALS) {
            throw new CodecException("unknown column mode " + mode);
        }
        expectAtLeast(in, n + minAfter);
        return getDecimals(in, n, POW10[mode - 1]);
    }

    private static double[] getDecimals(ByteBuffer in, int n, double scale) {
        double[] column = new double[n];
        long s = 0;
        for (int i = 0; i < n; i++) {
            long value = getVarint(in);
            s += (value >>> 1) ^ -(value & 1);
            // The encoder never writes one this large, and past it the conversion to double rounds.
            if (s >= SCALED_LIMIT_LONG || s <= -SCALED_LIMIT_LONG) {
                throw new CodecException("scaled value " + s + " out of range");
            }
            column[i] = (double) s / scale;
        }
        return column;
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
