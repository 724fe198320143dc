package com.chartfeed.cache;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import com.chartfeed.candles.SampleCandles;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorSeries;
import com.chartfeed.indicators.IndicatorType;
import com.chartfeed.indicators.PriceSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The Redis value codec: bit-exact round trips, metadata, hashes, rejection of bad bytes, size. */
class ColumnCodecTest {
    /** A quiet NaN with a payload: not Double.NaN's bits, so raw-bit handling is really tested. */
    private static final double PAYLOAD_NAN = Double.longBitsToDouble(0x7FF8_0000_0000_0123L);
    private static final double[] SPECIAL = {Double.NaN, PAYLOAD_NAN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE,
            -Double.MAX_VALUE, Double.MIN_NORMAL, 1.0 / 3};
    private static final long HOUR = 3_600;

    // ---- round trips

    @Test
    void specialDoublesRoundTripBitExactly() {
        int n = SPECIAL.length;
        double[] reversed = new double[n];
        for (int i = 0; i < n; i++) {
            reversed[i] = SPECIAL[n - 1 - i];
        }
        IndicatorSeries series = new IndicatorSeries(hourly(n, 1_700_000_000L), new double[][]{SPECIAL, reversed}, 0);
        assertSameDefinedPart(series, roundTrip(series).value());

        CandleColumns candles = new CandleColumns(hourly(n, 1_700_000_000L), SPECIAL, reversed, SPECIAL.clone(),
                reversed.clone(), SPECIAL.clone());
        assertSameCandles(candles, roundTrip(candles).value());
    }

    @Test
    void emptySeriesRoundTrips() {
        IndicatorSeries empty = new IndicatorSeries(new long[0], new double[][]{new double[0]}, 0);
        IndicatorSeries decoded = roundTrip(empty).value();
        assertSameDefinedPart(empty, decoded);
        assertEquals(1, decoded.values().length);

        IndicatorSeries noOutputs = new IndicatorSeries(new long[0], new double[0][], 0);
        assertEquals(0, roundTrip(noOutputs).value().values().length);
    }

    @Test
    void seriesEntirelyInWarmUpDecodesEmptyWithItsOutputs() {
        int n = 20;
        double[][] values = new double[3][n];
        for (double[] column : values) {
            Arrays.fill(column, Double.NaN);
        }
        IndicatorSeries warmUp = new IndicatorSeries(hourly(n, 1_700_000_000L), values, n);
        CacheEntry<IndicatorSeries> decoded = roundTrip(warmUp);
        assertEquals(0, decoded.value().size());
        assertEquals(3, decoded.value().values().length);
        for (double[] column : decoded.value().values()) {
            assertEquals(0, column.length);
        }
        assertEquals(CacheEntry.hashOf(warmUp), decoded.contentHash());
        assertEquals(CacheEntry.hashOf(warmUp), CacheEntry.hashOf(decoded.value()));
    }

    @Test
    void singlePointRoundTrips() {
        IndicatorSeries series = new IndicatorSeries(new long[]{1_767_222_000L}, new double[][]{{42.125}}, 0);
        assertSameDefinedPart(series, roundTrip(series).value());

        CandleColumns candle = new CandleColumns(new long[]{-5}, new double[]{1}, new double[]{2}, new double[]{0.5},
                new double[]{1.5}, new double[]{0});
        assertSameCandles(candle, roundTrip(candle).value());
    }

    @Test
    void multiOutputSeriesDropsItsWarmUpPrefix() {
        int n = 200;
        int firstDefined = 33;
        SplittableRandom random = new SplittableRandom(7);
        double[][] values = new double[3][n];
        for (double[] column : values) {
            for (int i = 0; i < n; i++) {
                column[i] = i < firstDefined ? Double.NaN : random.nextDouble(-50, 50);
            }
        }
        IndicatorSeries series = new IndicatorSeries(hourly(n, 1_600_000_000L), values, firstDefined);
        IndicatorSeries decoded = roundTrip(series).value();
        assertEquals(0, decoded.firstDefined());
        assertEquals(n - firstDefined, decoded.size());
        assertSameDefinedPart(series, decoded);
    }

    @Test
    void largeSeriesWithIrregularGapsRoundTrips() {
        int n = 100_000;
        long[] t = irregularTimes(n, new SplittableRandom(11));
        SplittableRandom random = new SplittableRandom(12);
        double[] value = new double[n];
        for (int i = 0; i < n; i++) {
            value[i] = i < 50 ? Double.NaN : random.nextGaussian() * 1e3;
        }
        value[n / 2] = Double.POSITIVE_INFINITY;
        value[n / 3] = -0.0;
        IndicatorSeries series = new IndicatorSeries(t, new double[][]{value}, 50);
        assertSameDefinedPart(series, roundTrip(series).value());
    }

    @Test
    void extremeAndDescendingTimesRoundTrip() {
        // Deltas between these overflow a long; the wrapping arithmetic must still give them back.
        long[] t = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, Long.MIN_VALUE, Long.MIN_VALUE + 1, 1_700_000_000_000L,
                1_699_999_999_999L, Long.MAX_VALUE};
        double[] v = new double[t.length];
        IndicatorSeries series = new IndicatorSeries(t, new double[][]{v}, 0);
        assertSameDefinedPart(series, roundTrip(series).value());
        CandleColumns candles = new CandleColumns(t, v, v, v, v, v);
        assertSameCandles(candles, roundTrip(candles).value());
    }

    @Test
    void hundredThousandCandlesRoundTrip() {
        int n = 100_000;
        SplittableRandom random = new SplittableRandom(21);
        long[] t = irregularTimes(n, random);
        double[][] columns = new double[5][n];
        for (double[] column : columns) {
            for (int i = 0; i < n; i++) {
                column[i] = random.nextInt(1000) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)]
                        : random.nextDouble(0, 70_000);
            }
        }
        CandleColumns candles = new CandleColumns(t, columns[0], columns[1], columns[2], columns[3], columns[4]);
        assertSameCandles(candles, roundTrip(candles).value());
    }

    // ---- metadata and hashes

    @Test
    void generationComputedAtAndHashSurvive() {
        SplittableRandom random = new SplittableRandom(3);
        IndicatorSeries series = new IndicatorSeries(hourly(3, 0), new double[][]{{1, 2, 3}}, 0);
        CandleColumns candles = SampleCandles.generate("META", Interval.D1, 10, 50);
        for (long[] meta : new long[][]{{0, 0, 0}, {Long.MIN_VALUE, Long.MAX_VALUE, -1},
                {random.nextLong(), random.nextLong(), random.nextLong()}}) {
            CacheEntry<IndicatorSeries> s = ColumnCodec.decodeSeries(ColumnCodec.encodeSeries(
                    new CacheEntry<>(series, meta[0], meta[1], meta[2])));
            assertEquals(meta[0], s.generation());
            assertEquals(meta[1], s.computedAtMillis());
            assertEquals(meta[2], s.contentHash());
            CacheEntry<CandleColumns> c = ColumnCodec.decodeCandles(ColumnCodec.encodeCandles(
                    new CacheEntry<>(candles, meta[0], meta[1], meta[2])));
            assertEquals(meta[0], c.generation());
            assertEquals(meta[1], c.computedAtMillis());
            assertEquals(meta[2], c.contentHash());
        }
    }

    @Test
    void seriesWithWarmUpAndItsDecodedCopyHashEqual() {
        IndicatorSeries series = sma(SampleCandles.generate("HASH", Interval.H1, 500, 100), 30);
        assertTrue(series.firstDefined() > 0 && Double.isNaN(series.values()[0][0]));
        CacheEntry<IndicatorSeries> entry = CacheEntry.of(series, 9, 1_700_000_000_123L);
        CacheEntry<IndicatorSeries> decoded = ColumnCodec.decodeSeries(ColumnCodec.encodeSeries(entry));
        assertEquals(entry.contentHash(), decoded.contentHash());
        assertEquals(entry.contentHash(), CacheEntry.hashOf(decoded.value()));

        CandleColumns candles = SampleCandles.generate("HASH", Interval.H1, 500, 100);
        CacheEntry<CandleColumns> candleEntry = CacheEntry.of(candles, 9, 1);
        assertEquals(candleEntry.contentHash(),
                CacheEntry.hashOf(ColumnCodec.decodeCandles(ColumnCodec.encodeCandles(candleEntry)).value()));
    }

    @Test
    void hashFollowsContent() {
        long[] t = hourly(4, 1_000);
        IndicatorSeries base = new IndicatorSeries(t, new double[][]{{Double.NaN, 1, 2, 3}}, 1);
        long hash = CacheEntry.hashOf(base);
        assertEquals(hash, CacheEntry.hashOf(new IndicatorSeries(t.clone(), new double[][]{{99, 1, 2, 3}}, 1)),
                "the warm-up prefix is not content");
        assertNotEquals(hash, CacheEntry.hashOf(new IndicatorSeries(t, new double[][]{{Double.NaN, 1, 2, 4}}, 1)));
        assertNotEquals(hash, CacheEntry.hashOf(new IndicatorSeries(t, new double[][]{{Double.NaN, 1, 2, 3}}, 2)));
        assertNotEquals(hash, CacheEntry.hashOf(new IndicatorSeries(hourly(4, 1_001),
                new double[][]{{Double.NaN, 1, 2, 3}}, 1)));
        assertNotEquals(CacheEntry.hashOf(new IndicatorSeries(t, new double[][]{{0.0, 0.0, 0.0, 0.0}}, 0)),
                CacheEntry.hashOf(new IndicatorSeries(t, new double[][]{{0.0, 0.0, 0.0, -0.0}}, 0)));
        // The same numbers split differently between outputs are different content.
        long[] two = hourly(2, 0);
        assertNotEquals(CacheEntry.hashOf(new IndicatorSeries(two, new double[][]{{1, 2}, {3, 4}}, 0)),
                CacheEntry.hashOf(new IndicatorSeries(two, new double[][]{{1, 2, 3, 4}}, 0)));

        CandleColumns candles = SampleCandles.generate("HF", Interval.H1, 50, 10);
        double[] c = candles.c().clone();
        c[49] = Math.nextUp(c[49]);
        assertNotEquals(CacheEntry.hashOf(candles), CacheEntry.hashOf(new CandleColumns(candles.t(), candles.o(),
                candles.h(), candles.l(), c, candles.v())));
    }

    // ---- bad bytes

    @Test
    void unknownFormatIsRejected() {
        byte[] series = ColumnCodec.encodeSeries(CacheEntry.of(smallSeries(), 1, 2));
        byte[] candles = ColumnCodec.encodeCandles(CacheEntry.of(smallCandles(), 1, 2));
        assertEquals(ColumnCodec.FORMAT_V1, series[0]);
        assertEquals(ColumnCodec.FORMAT_V1, candles[0]);
        for (int format = 0; format < 256; format++) {
            if (format == ColumnCodec.FORMAT_V1) {
                continue;
            }
            byte[] s = series.clone();
            s[0] = (byte) format;
            assertThrows(CodecException.class, () -> ColumnCodec.decodeSeries(s));
            byte[] c = candles.clone();
            c[0] = (byte) format;
            assertThrows(CodecException.class, () -> ColumnCodec.decodeCandles(c));
        }
    }

    @Test
    void wrongKindIsRejected() {
        byte[] series = ColumnCodec.encodeSeries(CacheEntry.of(smallSeries(), 1, 2));
        byte[] candles = ColumnCodec.encodeCandles(CacheEntry.of(smallCandles(), 1, 2));
        assertThrows(CodecException.class, () -> ColumnCodec.decodeCandles(series));
        assertThrows(CodecException.class, () -> ColumnCodec.decodeSeries(candles));
        for (byte kind : new byte[]{0, 3, -1}) {
            byte[] s = series.clone();
            s[1] = kind;
            assertThrows(CodecException.class, () -> ColumnCodec.decodeSeries(s));
        }
    }

    @Test
    void everyTruncationIsRejected() {
        byte[] series = ColumnCodec.encodeSeries(CacheEntry.of(smallSeries(), 5, 6));
        byte[] candles = ColumnCodec.encodeCandles(CacheEntry.of(smallCandles(), 5, 6));
        for (int cut = 0; cut < series.length; cut++) {
            byte[] prefix = Arrays.copyOf(series, cut);
            assertThrows(CodecException.class, () -> ColumnCodec.decodeSeries(prefix), "cut at " + cut);
        }
        for (int cut = 0; cut < candles.length; cut++) {
            byte[] prefix = Arrays.copyOf(candles, cut);
            assertThrows(CodecException.class, () -> ColumnCodec.decodeCandles(prefix), "cut at " + cut);
        }
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] series = ColumnCodec.encodeSeries(CacheEntry.of(smallSeries(), 5, 6));
        byte[] candles = ColumnCodec.encodeCandles(CacheEntry.of(smallCandles(), 5, 6));
        for (int extra : new int[]{1, 7, 8, 40}) {
            byte[] s = Arrays.copyOf(series, series.length + extra);
            assertThrows(CodecException.class, () -> ColumnCodec.decodeSeries(s));
            byte[] c = Arrays.copyOf(candles, candles.length + extra);
            assertThrows(CodecException.class, () -> ColumnCodec.decodeCandles(c));
        }
    }

    @Test
    void impossibleCountsAreRejectedBeforeAllocating() {
        long[] counts = {Integer.MAX_VALUE, 1L << 31, 1L << 40, Long.MAX_VALUE, -1L, 100};
        for (long n : counts) {
            ByteArrayOutputStream s = header(ColumnCodec.KIND_SERIES);
            varint(s, n);
            s.write(255);
            s.write(new byte[64], 0, 64);
            byte[] series = s.toByteArray();
            assertThrows(CodecException.class, () -> ColumnCodec.decodeSeries(series), "n = " + n);

            ByteArrayOutputStream c = header(ColumnCodec.KIND_CANDLES);
            varint(c, n);
            c.write(new byte[64], 0, 64);
            byte[] candles = c.toByteArray();
            assertThrows(CodecException.class, () -> ColumnCodec.decodeCandles(candles), "n = " + n);
        }
        // A varint that never ends, and one longer than ten bytes.
        ByteArrayOutputStream endless = header(ColumnCodec.KIND_CANDLES);
        for (int i = 0; i < 30; i++) {
            endless.write(0xFF);
        }
        byte[] endlessBytes = endless.toByteArray();
        assertThrows(CodecException.class, () -> ColumnCodec.decodeCandles(endlessBytes));
        ByteArrayOutputStream overlong = header(ColumnCodec.KIND_CANDLES);
        for (int i = 0; i < 10; i++) {
            overlong.write(0x80);
        }
        overlong.write(0x00);
        byte[] overlongBytes = overlong.toByteArray();
        assertThrows(CodecException.class, () -> ColumnCodec.decodeCandles(overlongBytes));
    }

    @Test
    void nullIsRejected() {
        assertThrows(CodecException.class, () -> ColumnCodec.decodeSeries(null));
        assertThrows(CodecException.class, () -> ColumnCodec.decodeCandles(null));
    }

    @Test
    void randomBytesAreRejected() {
        SplittableRandom random = new SplittableRandom(20_240_601);
        for (int i = 0; i < 4_000; i++) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            if (bytes.length > 0 && bytes[0] == ColumnCodec.FORMAT_V1) {
                bytes[0] = 0; // keep these pure noise; noise behind a valid header is the next test
            }
            assertThrows(CodecException.class, () -> ColumnCodec.decodeSeries(bytes));
            assertThrows(CodecException.class, () -> ColumnCodec.decodeCandles(bytes));
        }
    }

    @Test
    void noiseBehindAValidHeaderOnlyEverGivesCodecException() {
        SplittableRandom random = new SplittableRandom(99);
        int rejected = 0;
        for (int i = 0; i < 4_000; i++) {
            byte[] bytes = new byte[ColumnCodec.HEADER_BYTES + random.nextInt(200)];
            random.nextBytes(bytes);
            bytes[0] = ColumnCodec.FORMAT_V1;
            bytes[1] = i % 2 == 0 ? ColumnCodec.KIND_SERIES : ColumnCodec.KIND_CANDLES;
            rejected += decodesOrRejects(bytes, i % 2 == 0 ? ColumnCodec::decodeSeries : ColumnCodec::decodeCandles);
        }
        assertTrue(rejected > 3_900, "noise should almost never parse, " + rejected + " rejected");
    }

    @Test
    void corruptedEncodingsOnlyEverGiveCodecException() {
        SplittableRandom random = new SplittableRandom(5);
        byte[] series = ColumnCodec.encodeSeries(CacheEntry.of(sma(SampleCandles.generate("C", Interval.M15, 300, 20),
                10), 1, 2));
        byte[] candles = ColumnCodec.encodeCandles(CacheEntry.of(SampleCandles.generate("C", Interval.M15, 60, 20), 1, 2));
        for (int i = 0; i < 3_000; i++) {
            byte[] s = series.clone();
            byte[] c = candles.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                // Skip the format and kind bytes: flipping those is covered above.
                s[2 + random.nextInt(s.length - 2)] ^= (byte) (1 << random.nextInt(8));
                c[2 + random.nextInt(c.length - 2)] ^= (byte) (1 << random.nextInt(8));
            }
            decodesOrRejects(s, ColumnCodec::decodeSeries);
            decodesOrRejects(c, ColumnCodec::decodeCandles);
        }
    }

    @Test
    void encodingRejectsInconsistentSeries() {
        long[] t = hourly(3, 0);
        assertThrows(IllegalArgumentException.class, () -> ColumnCodec.encodeSeries(
                new CacheEntry<>(new IndicatorSeries(t, new double[][]{{1, 2, 3}}, 4), 0, 0, 0)));
        assertThrows(IllegalArgumentException.class, () -> ColumnCodec.encodeSeries(
                new CacheEntry<>(new IndicatorSeries(t, new double[][]{{1, 2, 3}}, -1), 0, 0, 0)));
        assertThrows(IllegalArgumentException.class, () -> ColumnCodec.encodeSeries(
                new CacheEntry<>(new IndicatorSeries(t, new double[][]{{1, 2, 3}, {1, 2}}, 0), 0, 0, 0)));
        assertThrows(IllegalArgumentException.class, () -> ColumnCodec.encodeSeries(
                new CacheEntry<>(new IndicatorSeries(t, new double[256][3], 0), 0, 0, 0)));
    }

    // ---- size

    @Test
    void fiveThousandPointSeriesIsFarSmallerThanItsJson() {
        IndicatorSeries series = sma(SampleCandles.generate("SIZE", Interval.H1, 5_000 + 29, 100), 30);
        assertEquals(5_000, series.size() - series.firstDefined());
        int encoded = ColumnCodec.encodeSeries(CacheEntry.of(series, 1, 2)).length;
        StringBuilder json = new StringBuilder("{\"t\":");
        appendLongs(json, Arrays.copyOfRange(series.t(), series.firstDefined(), series.size()));
        json.append(",\"series\":{\"value\":");
        appendDoubles(json, Arrays.copyOfRange(series.values()[0], series.firstDefined(), series.size()));
        json.append("}}");
        System.out.printf("5,000-point SMA series: %,d bytes encoded, %,d bytes JSON (%.2f)%n", encoded,
                json.length(), (double) encoded / json.length());
        assertTrue(encoded < 0.5 * json.length(), encoded + " vs " + json.length());
    }

    @Test
    void fiveThousandCandlesAreSmallerThanTheirJson() {
        CandleColumns candles = SampleCandles.generate("SIZE", Interval.H1, 5_000, 100);
        int encoded = ColumnCodec.encodeCandles(CacheEntry.of(candles, 1, 2)).length;
        StringBuilder json = new StringBuilder("{\"t\":");
        appendLongs(json, candles.t());
        String[] names = {"o", "h", "l", "c", "v"};
        double[][] columns = {candles.o(), candles.h(), candles.l(), candles.c(), candles.v()};
        for (int k = 0; k < 5; k++) {
            json.append(",\"").append(names[k]).append("\":");
            appendDoubles(json, columns[k]);
        }
        json.append('}');
        System.out.printf("5,000 candles: %,d bytes encoded, %,d bytes JSON (%.2f)%n", encoded, json.length(),
                (double) encoded / json.length());
        // Not under half: prices with four decimals print in about as many characters as their
        // 8 raw bytes, so only the times shrink much. The times must: hourly deltas take 2 bytes.
        assertTrue(encoded < json.length(), encoded + " vs " + json.length());
        int n = candles.size();
        long timeBytes = encoded - ColumnCodec.HEADER_BYTES - ColumnCodec.varintSize(n) - 5L * Double.BYTES * n;
        assertTrue(timeBytes <= 10 + 2L * (n - 1), timeBytes + " bytes of times");
    }

    // ---- helpers

    private static CacheEntry<IndicatorSeries> roundTrip(IndicatorSeries series) {
        CacheEntry<IndicatorSeries> entry = CacheEntry.of(series, 17, 1_700_000_000_000L);
        byte[] bytes = ColumnCodec.encodeSeries(entry);
        CacheEntry<IndicatorSeries> decoded = ColumnCodec.decodeSeries(bytes);
        assertEquals(entry.contentHash(), decoded.contentHash());
        assertEquals(entry.contentHash(), CacheEntry.hashOf(decoded.value()));
        assertArrayEquals(bytes, ColumnCodec.encodeSeries(decoded), "re-encoding the decoded entry");
        return decoded;
    }

    private static CacheEntry<CandleColumns> roundTrip(CandleColumns candles) {
        CacheEntry<CandleColumns> entry = CacheEntry.of(candles, 17, 1_700_000_000_000L);
        byte[] bytes = ColumnCodec.encodeCandles(entry);
        CacheEntry<CandleColumns> decoded = ColumnCodec.decodeCandles(bytes);
        assertEquals(entry.contentHash(), decoded.contentHash());
        assertEquals(entry.contentHash(), CacheEntry.hashOf(decoded.value()));
        assertArrayEquals(bytes, ColumnCodec.encodeCandles(decoded), "re-encoding the decoded entry");
        return decoded;
    }

    private static void assertSameDefinedPart(IndicatorSeries expected, IndicatorSeries actual) {
        int from = expected.firstDefined();
        assertEquals(0, actual.firstDefined());
        assertArrayEquals(Arrays.copyOfRange(expected.t(), from, expected.size()), actual.t());
        assertEquals(expected.values().length, actual.values().length);
        for (int k = 0; k < expected.values().length; k++) {
            assertArrayEquals(rawBits(Arrays.copyOfRange(expected.values()[k], from, expected.size())),
                    rawBits(actual.values()[k]), "output " + k);
        }
    }

    private static void assertSameCandles(CandleColumns expected, CandleColumns actual) {
        assertArrayEquals(expected.t(), actual.t());
        assertArrayEquals(rawBits(expected.o()), rawBits(actual.o()));
        assertArrayEquals(rawBits(expected.h()), rawBits(actual.h()));
        assertArrayEquals(rawBits(expected.l()), rawBits(actual.l()));
        assertArrayEquals(rawBits(expected.c()), rawBits(actual.c()));
        assertArrayEquals(rawBits(expected.v()), rawBits(actual.v()));
    }

    private static long[] rawBits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    /** 1 if {@code decoder} threw CodecException, 0 if it decoded; anything else fails the test. */
    private static int decodesOrRejects(byte[] bytes, Function<byte[], ? extends CacheEntry<?>> decoder) {
        try {
            decoder.apply(bytes);
            return 0;
        } catch (CodecException expected) {
            return 1;
        } catch (RuntimeException | Error e) {
            fail("decoding " + bytes.length + " bytes threw " + e, e);
            return -1;
        }
    }

    private static long[] hourly(int n, long start) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = start + i * HOUR;
        }
        return t;
    }

    /** Hourly times with weekend gaps, occasional missing candles and a few steps backwards. */
    private static long[] irregularTimes(int n, SplittableRandom random) {
        long[] t = new long[n];
        long time = 1_500_000_000L;
        for (int i = 0; i < n; i++) {
            t[i] = time;
            long step = HOUR;
            if (i % 120 == 119) {
                step += 48 * HOUR;
            } else if (random.nextInt(50) == 0) {
                step *= 1 + random.nextInt(10);
            } else if (random.nextInt(5_000) == 0) {
                step = -random.nextLong(1, 1L << 40);
            }
            time += step;
        }
        return t;
    }

    private static IndicatorSeries sma(CandleColumns candles, int period) {
        return IndicatorSeries.compute(candles,
                new IndicatorParams(IndicatorType.SMA, new double[]{period}, PriceSource.CLOSE));
    }

    private static IndicatorSeries smallSeries() {
        // Times with one-, two- and three-byte deltas and a warm-up prefix, 2 outputs.
        long[] t = {1_700_000_000L, 1_700_000_060L, 1_700_003_660L, 1_700_003_661L, 1_700_090_000L, 1_700_090_001L};
        return new IndicatorSeries(t, new double[][]{{Double.NaN, 1, 2, 3, -0.0, 5}, {Double.NaN, 6, 7, 8, 9, 10}}, 1);
    }

    private static CandleColumns smallCandles() {
        return SampleCandles.generate("SMALL", Interval.H1, 4, 10);
    }

    private static ByteArrayOutputStream header(byte kind) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ColumnCodec.FORMAT_V1);
        out.write(kind);
        out.write(new byte[24], 0, 24);
        return out;
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static void appendLongs(StringBuilder json, long[] values) {
        json.append('[');
        for (int i = 0; i < values.length; i++) {
            json.append(i == 0 ? "" : ",").append(values[i]);
        }
        json.append(']');
    }

    private static void appendDoubles(StringBuilder json, double[] values) {
        json.append('[');
        for (int i = 0; i < values.length; i++) {
            json.append(i == 0 ? "" : ",").append(Double.toString(values[i]));
        }
        json.append(']');
    }
}
