package com.chartfeed.cache;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorSeries;
import com.chartfeed.indicators.IndicatorType;
import com.chartfeed.indicators.PriceSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Redis value codec: bit-exact round trips, the choice of decimal or raw columns, metadata,
 * hashes, reading V1 values, rejection of bad bytes in both formats, size.
 */
class ColumnCodecTest {
    /** A quiet NaN with a payload: not Double.NaN's bits, so raw-bit handling is really tested. */
    private static final double PAYLOAD_NAN = Double.longBitsToDouble(0x7FF8_0000_0000_0123L);
    private static final double[] SPECIAL = {Double.NaN, PAYLOAD_NAN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE,
            -Double.MAX_VALUE, Double.MIN_NORMAL, 1.0 / 3};
    private static final long HOUR = 3_600;
    private static final byte[] FORMATS = {ColumnCodec.FORMAT_V1, ColumnCodec.FORMAT_V2};
    private static final int RAW = ColumnCodec.MODE_RAW;
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};

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
        CandleColumns candles = TestCandles.randomWalk("META", Interval.D1, 10, 50);
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
        IndicatorSeries series = sma(TestCandles.randomWalk("HASH", Interval.H1, 500, 100), 30);
        assertTrue(series.firstDefined() > 0 && Double.isNaN(series.values()[0][0]));
        CacheEntry<IndicatorSeries> entry = CacheEntry.of(series, 9, 1_700_000_000_123L);
        CacheEntry<IndicatorSeries> decoded = ColumnCodec.decodeSeries(ColumnCodec.encodeSeries(entry));
        assertEquals(entry.contentHash(), decoded.contentHash());
        assertEquals(entry.contentHash(), CacheEntry.hashOf(decoded.value()));

        CandleColumns candles = TestCandles.randomWalk("HASH", Interval.H1, 500, 100);
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

        CandleColumns candles = TestCandles.randomWalk("HF", Interval.H1, 50, 10);
        double[] c = candles.c().clone();
        c[49] = Math.nextUp(c[49]);
        assertNotEquals(CacheEntry.hashOf(candles), CacheEntry.hashOf(new CandleColumns(candles.t(), candles.o(),
                candles.h(), candles.l(), c, candles.v())));
    }

    // ---- decimal or raw columns

    @Test
    void sampleCandlePricesAreStoredAsFourDecimalsAndVolumesAsIntegers() {
        for (Interval interval : new Interval[]{Interval.M1, Interval.H1, Interval.D1}) {
            for (double start : new double[]{0.5, 100, 30_000}) {
                CandleColumns candles = TestCandles.randomWalk("DEC", interval, 2_000, start);
                Layout layout = layout(ColumnCodec.encodeCandles(CacheEntry.of(candles, 1, 2)));
                assertArrayEquals(new int[]{1 + 4, 1 + 4, 1 + 4, 1 + 4, 1}, layout.modes(), interval + " " + start);
                for (int bytes : layout.columnBytes()) {
                    assertTrue(bytes <= 4 * candles.size(), bytes + " bytes for " + candles.size() + " values");
                }
                assertSameCandles(candles, roundTrip(candles).value());
            }
        }
    }

    @Test
    void oneThirdAmongFourDecimalPricesMakesTheColumnRaw() {
        CandleColumns sample = TestCandles.randomWalk("THIRD", Interval.H1, 1_000, 100);
        for (int at : new int[]{0, 500, 999}) {
            double[] c = sample.c().clone();
            c[at] = 1.0 / 3;
            CandleColumns candles = new CandleColumns(sample.t(), sample.o(), sample.h(), sample.l(), c, sample.v());
            assertArrayEquals(new int[]{5, 5, 5, RAW, 1}, modes(ColumnCodec.encodeCandles(CacheEntry.of(candles, 1, 2))),
                    "1/3 at " + at);
            assertSameCandles(candles, roundTrip(candles).value());
        }
    }

    @Test
    void sumsThatMissTheirShortDecimalStayExact() {
        // 0.1 + 0.2 is 0.30000000000000004, and 0.3 at one decimal would be a different double.
        double[] sum = {0.1, 0.2, 0.1 + 0.2};
        double[] shortDecimals = {0.1, 0.2, 0.3};
        IndicatorSeries series = new IndicatorSeries(hourly(3, 0), new double[][]{sum, shortDecimals}, 0);
        assertArrayEquals(new int[]{RAW, 1 + 1}, modes(ColumnCodec.encodeSeries(CacheEntry.of(series, 1, 2))));
        IndicatorSeries decoded = roundTrip(series).value();
        assertSameDefinedPart(series, decoded);
        assertEquals(0.30000000000000004, decoded.values()[0][2]);

        // One ulp off a 4-decimal price, and other products and sums of short decimals.
        for (double value : new double[]{Math.nextUp(100.1234), Math.nextDown(100.1234), 1.1 * 1.1, 0.7 + 0.1,
                1.1 * 3}) {
            assertEquals(RAW, singleValueMode(value), Double.toString(value));
        }
    }

    @Test
    void negativeValuesAreDecimalsToo() {
        double[] prices = {-1.5, -0.0001, 2.25, -37.1234, 0, -100_000.9999, 12};
        double[] integers = {-3, -70_000, 5, Long.MIN_VALUE >> 11};
        double[] withNegativeZero = {-1.5, -0.0, 2.25};
        IndicatorSeries series = new IndicatorSeries(hourly(prices.length, 0), new double[][]{prices,
                Arrays.copyOf(integers, prices.length), Arrays.copyOf(withNegativeZero, prices.length)}, 0);
        assertArrayEquals(new int[]{1 + 4, 1, RAW}, modes(ColumnCodec.encodeSeries(CacheEntry.of(series, 1, 2))));
        assertSameDefinedPart(series, roundTrip(series).value());

        CandleColumns sample = TestCandles.randomWalk("NEG", Interval.H4, 1_000, 40);
        CandleColumns negated = new CandleColumns(sample.t(), negate(sample.o()), negate(sample.h()),
                negate(sample.l()), negate(sample.c()), negate(sample.v()));
        // A zero volume negated is -0.0, which only raw keeps.
        assertTrue(Arrays.stream(sample.v()).anyMatch(v -> v == 0));
        assertArrayEquals(new int[]{5, 5, 5, 5, RAW}, modes(ColumnCodec.encodeCandles(CacheEntry.of(negated, 1, 2))));
        assertSameCandles(negated, roundTrip(negated).value());
    }

    @Test
    void wholeNumbersTakeNoDecimals() {
        double[] volume = {0, 1, 250_000, 1e12, 7, 0, 0};
        double[] wholePrices = {100, 101, 99, 99, 100.0, 1e15, 3};
        IndicatorSeries series = new IndicatorSeries(hourly(volume.length, 0), new double[][]{volume, wholePrices}, 0);
        assertArrayEquals(new int[]{1, 1}, modes(ColumnCodec.encodeSeries(CacheEntry.of(series, 1, 2))));
        assertSameDefinedPart(series, roundTrip(series).value());
        // Two decimals where one would not do, and one where none would.
        assertEquals(1 + 2, singleValueMode(100.25));
        assertEquals(1 + 1, singleValueMode(100.5));
        assertEquals(1 + 8, singleValueMode(0.00000001));
        assertEquals(RAW, singleValueMode(0.000000001));
    }

    @Test
    void valuesAtTheScaledLimitChooseCorrectly() {
        double limit = 0x1p53;
        assertEquals(1, singleValueMode(limit - 1));
        assertEquals(1, singleValueMode(-(limit - 1)));
        // Whole numbers, but at or past 2^53 even once scaled by 10^0.
        assertEquals(RAW, singleValueMode(limit));
        assertEquals(RAW, singleValueMode(-limit));
        assertEquals(RAW, singleValueMode(1e16));
        assertEquals(RAW, singleValueMode(Double.MAX_VALUE));
        // 900719925474.0991 is (2^53 - 1) / 10^4, and the next double up scales to 2^53.
        assertEquals(1 + 4, singleValueMode(900719925474.0991));
        assertEquals(RAW, singleValueMode(Math.nextUp(900719925474.0991)));
        assertEquals(RAW, singleValueMode(900719925474.0992));
        assertEquals(RAW, singleValueMode(Double.MIN_VALUE));

        // The largest deltas a decimal column can have still take at most 8 bytes each.
        double[] swing = {limit - 1, -(limit - 1), limit - 1, 0, -(limit - 1)};
        IndicatorSeries series = new IndicatorSeries(hourly(swing.length, 0), new double[][]{swing}, 0);
        Layout layout = layout(ColumnCodec.encodeSeries(CacheEntry.of(series, 1, 2)));
        assertEquals(1, layout.modes()[0]);
        assertTrue(layout.columnBytes()[0] <= 8 * swing.length, layout.columnBytes()[0] + " bytes");
        assertSameDefinedPart(series, roundTrip(series).value());
    }

    @Test
    void scaledIntegersAtEveryScaleRoundTrip() {
        SplittableRandom random = new SplittableRandom(53);
        int decimal = 0;
        int nearLimit = 0;
        for (int trial = 0; trial < 2_000; trial++) {
            int d = random.nextInt(ColumnCodec.MAX_DECIMALS + 1);
            boolean near = trial % 2 == 0;
            double[] column = new double[20];
            for (int i = 0; i < column.length; i++) {
                long s = near ? (1L << 53) - random.nextLong(1, 1_000) : random.nextLong(1L << 50);
                column[i] = (random.nextBoolean() ? s : -s) / POW10[d];
            }
            IndicatorSeries series = new IndicatorSeries(hourly(column.length, 0), new double[][]{column}, 0);
            int mode = modes(ColumnCodec.encodeSeries(CacheEntry.of(series, 1, 2)))[0];
            assertSameDefinedPart(series, roundTrip(series).value());
            if (near) {
                nearLimit++;
                decimal += mode == RAW ? 0 : 1;
            } else {
                // Below 2^50 the scaled product is within 1/4 of s, so d always passes (or a smaller d does).
                assertTrue(mode >= 1 && mode <= 1 + d, "mode " + mode + " for " + d + " decimals");
            }
        }
        // Near the limit rounding can push s to 2^53, but most columns must still be decimal.
        assertTrue(decimal > nearLimit / 2, decimal + " of " + nearLimit + " near the limit decimal");
    }

    // ---- V1 values, as already stored in Redis

    @Test
    void v1ValuesStillDecode() {
        List<IndicatorSeries> series = List.of(smallSeries(), sma(TestCandles.randomWalk("V1", Interval.H1, 300, 20), 14),
                new IndicatorSeries(hourly(SPECIAL.length, 5), new double[][]{SPECIAL, SPECIAL.clone()}, 3),
                new IndicatorSeries(new long[0], new double[][]{new double[0]}, 0),
                new IndicatorSeries(hourly(3, 0), new double[0][], 0));
        for (IndicatorSeries s : series) {
            CacheEntry<IndicatorSeries> entry = CacheEntry.of(s, -4, 1_700_000_000_001L);
            CacheEntry<IndicatorSeries> decoded = ColumnCodec.decodeSeries(encodeSeriesV1(entry));
            assertSameDefinedPart(s, decoded.value());
            assertEquals(entry.generation(), decoded.generation());
            assertEquals(entry.computedAtMillis(), decoded.computedAtMillis());
            assertEquals(entry.contentHash(), decoded.contentHash());
            assertEquals(entry.contentHash(), CacheEntry.hashOf(decoded.value()));
            // Written back, it is V2 and reads the same.
            byte[] v2 = ColumnCodec.encodeSeries(decoded);
            assertEquals(ColumnCodec.FORMAT_V2, v2[0]);
            assertSameDefinedPart(s, ColumnCodec.decodeSeries(v2).value());
        }
        List<CandleColumns> candles = List.of(smallCandles(), TestCandles.randomWalk("V1", Interval.D1, 1_000, 7),
                new CandleColumns(hourly(SPECIAL.length, 5), SPECIAL, SPECIAL, SPECIAL, SPECIAL, SPECIAL),
                CandleColumns.EMPTY);
        for (CandleColumns c : candles) {
            CacheEntry<CandleColumns> entry = CacheEntry.of(c, Long.MAX_VALUE, 3);
            CacheEntry<CandleColumns> decoded = ColumnCodec.decodeCandles(encodeCandlesV1(entry));
            assertSameCandles(c, decoded.value());
            assertEquals(entry.generation(), decoded.generation());
            assertEquals(entry.computedAtMillis(), decoded.computedAtMillis());
            assertEquals(entry.contentHash(), decoded.contentHash());
            assertEquals(entry.contentHash(), CacheEntry.hashOf(decoded.value()));
            assertSameCandles(c, ColumnCodec.decodeCandles(ColumnCodec.encodeCandles(decoded)).value());
        }
    }

    // ---- bad bytes

    @Test
    void encodersWriteV2() {
        assertEquals(ColumnCodec.FORMAT_V2, ColumnCodec.encodeSeries(CacheEntry.of(smallSeries(), 1, 2))[0]);
        assertEquals(ColumnCodec.FORMAT_V2, ColumnCodec.encodeCandles(CacheEntry.of(smallCandles(), 1, 2))[0]);
    }

    @Test
    void unknownFormatIsRejected() {
        for (byte[] series : seriesEncodings()) {
            for (byte[] candles : candleEncodings()) {
                for (int format = 0; format < 256; format++) {
                    if (format == ColumnCodec.FORMAT_V1 || format == ColumnCodec.FORMAT_V2) {
                        continue;
                    }
                    byte[] s = series.clone();
                    s[0] = (byte) format;
                    assertThrows(CodecException.class, () -> ColumnCodec.decodeSeries(s));
                    byte[] c = candles.clone();
                    c[0] = (byte) format;
                    assertThrows(CodecException.class, () -> ColumnCodec.decodeCandles(c));
                }
                // Read as the other format, they must fail cleanly or decode, never misbehave.
                byte[] s = series.clone();
                s[0] = (byte) (3 - s[0]);
                decodesOrRejects(s, ColumnCodec::decodeSeries);
                byte[] c = candles.clone();
                c[0] = (byte) (3 - c[0]);
                decodesOrRejects(c, ColumnCodec::decodeCandles);
            }
        }
    }

    @Test
    void wrongKindIsRejected() {
        for (byte[] series : seriesEncodings()) {
            for (byte[] candles : candleEncodings()) {
                assertThrows(CodecException.class, () -> ColumnCodec.decodeCandles(series));
                assertThrows(CodecException.class, () -> ColumnCodec.decodeSeries(candles));
                for (byte kind : new byte[]{0, 3, -1}) {
                    byte[] s = series.clone();
                    s[1] = kind;
                    assertThrows(CodecException.class, () -> ColumnCodec.decodeSeries(s));
                    byte[] c = candles.clone();
                    c[1] = kind;
                    assertThrows(CodecException.class, () -> ColumnCodec.decodeCandles(c));
                }
            }
        }
    }

    @Test
    void everyTruncationIsRejected() {
        for (byte[] series : seriesEncodings()) {
            for (int cut = 0; cut < series.length; cut++) {
                byte[] prefix = Arrays.copyOf(series, cut);
                assertThrows(CodecException.class, () -> ColumnCodec.decodeSeries(prefix), "cut at " + cut);
            }
        }
        for (byte[] candles : candleEncodings()) {
            for (int cut = 0; cut < candles.length; cut++) {
                byte[] prefix = Arrays.copyOf(candles, cut);
                assertThrows(CodecException.class, () -> ColumnCodec.decodeCandles(prefix), "cut at " + cut);
            }
        }
    }

    @Test
    void trailingBytesAreRejected() {
        for (byte[] series : seriesEncodings()) {
            for (byte[] candles : candleEncodings()) {
                for (int extra : new int[]{1, 7, 8, 40}) {
                    byte[] s = Arrays.copyOf(series, series.length + extra);
                    assertThrows(CodecException.class, () -> ColumnCodec.decodeSeries(s));
                    byte[] c = Arrays.copyOf(candles, candles.length + extra);
                    assertThrows(CodecException.class, () -> ColumnCodec.decodeCandles(c));
                }
            }
        }
    }

    @Test
    void impossibleCountsAreRejectedBeforeAllocating() {
        long[] counts = {Integer.MAX_VALUE, 1L << 31, 1L << 40, Long.MAX_VALUE, -1L, 100};
        for (byte format : FORMATS) {
            for (long n : counts) {
                ByteArrayOutputStream s = header(format, ColumnCodec.KIND_SERIES);
                varint(s, n);
                s.write(255);
                s.write(new byte[64], 0, 64);
                byte[] series = s.toByteArray();
                assertThrows(CodecException.class, () -> ColumnCodec.decodeSeries(series), "n = " + n);

                ByteArrayOutputStream c = header(format, ColumnCodec.KIND_CANDLES);
                varint(c, n);
                c.write(new byte[64], 0, 64);
                byte[] candles = c.toByteArray();
                assertThrows(CodecException.class, () -> ColumnCodec.decodeCandles(candles), "n = " + n);
            }
            // A varint that never ends, and one longer than ten bytes.
            ByteArrayOutputStream endless = header(format, ColumnCodec.KIND_CANDLES);
            for (int i = 0; i < 30; i++) {
                endless.write(0xFF);
            }
            byte[] endlessBytes = endless.toByteArray();
            assertThrows(CodecException.class, () -> ColumnCodec.decodeCandles(endlessBytes));
            ByteArrayOutputStream overlong = header(format, ColumnCodec.KIND_CANDLES);
            for (int i = 0; i < 10; i++) {
                overlong.write(0x80);
            }
            overlong.write(0x00);
            byte[] overlongBytes = overlong.toByteArray();
            assertThrows(CodecException.class, () -> ColumnCodec.decodeCandles(overlongBytes));
        }
    }

    @Test
    void columnsClaimingMoreThanTheBytesPresentAreRejectedBeforeAllocating() {
        int n = 1_000_000;
        // 255 outputs of n values need at least 256 n bytes; there are 2 n.
        ByteArrayOutputStream s = header(ColumnCodec.FORMAT_V2, ColumnCodec.KIND_SERIES);
        varint(s, n);
        s.write(255);
        s.write(new byte[2 * n], 0, 2 * n);
        byte[] series = s.toByteArray();
        long allocated = allocatedBytes(() -> assertThrows(CodecException.class, () -> ColumnCodec.decodeSeries(series)));
        assertTrue(allocated < n, allocated + " bytes allocated");

        // n one-byte times, then a raw o: its 8 n bytes are there, but then not the least the
        // four columns after it take (a mode byte and n one-byte varints each), so o is never allocated.
        ByteArrayOutputStream c = header(ColumnCodec.FORMAT_V2, ColumnCodec.KIND_CANDLES);
        varint(c, n);
        c.write(new byte[n], 0, n);
        c.write(RAW);
        int rest = 8 * n + 4 * (1 + n) - 1;
        c.write(new byte[rest], 0, rest);
        byte[] candles = c.toByteArray();
        allocated = allocatedBytes(() -> assertThrows(CodecException.class, () -> ColumnCodec.decodeCandles(candles)));
        assertTrue(allocated < 9L * n, allocated + " bytes allocated, 8 n of them the times");
    }

    @Test
    void unknownColumnModesAreRejected() {
        byte[] series = ColumnCodec.encodeSeries(CacheEntry.of(smallSeries(), 5, 6));
        byte[] candles = ColumnCodec.encodeCandles(CacheEntry.of(smallCandles(), 5, 6));
        assertArrayEquals(new int[]{RAW, 1}, modes(series));
        assertArrayEquals(new int[]{5, 5, 5, 5, 1}, modes(candles));
        for (int offset : layout(series).modeOffsets()) {
            for (int mode = 0; mode < 256; mode++) {
                byte[] s = series.clone();
                s[offset] = (byte) mode;
                if (mode > 1 + ColumnCodec.MAX_DECIMALS) {
                    assertThrows(CodecException.class, () -> ColumnCodec.decodeSeries(s), "mode " + mode);
                } else {
                    decodesOrRejects(s, ColumnCodec::decodeSeries);
                }
            }
        }
        for (int offset : layout(candles).modeOffsets()) {
            for (int mode = 0; mode < 256; mode++) {
                byte[] c = candles.clone();
                c[offset] = (byte) mode;
                if (mode > 1 + ColumnCodec.MAX_DECIMALS) {
                    assertThrows(CodecException.class, () -> ColumnCodec.decodeCandles(c), "mode " + mode);
                } else {
                    decodesOrRejects(c, ColumnCodec::decodeCandles);
                }
            }
        }
    }

    @Test
    void scaledValuesNoEncoderWritesAreRejected() {
        long limit = 1L << 53;
        assertEquals(limit - 1, decodeOneScaled(limit - 1), 0);
        assertEquals(-(limit - 1), decodeOneScaled(-(limit - 1)), 0);
        assertEquals(900719925474.0991, decodeOneScaled(limit - 1, 4), 0);
        for (long s : new long[]{limit, -limit, Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertThrows(CodecException.class, () -> decodeOneScaled(s), Long.toString(s));
        }
        // Reached by summing deltas that are each in range.
        ByteArrayOutputStream out = header(ColumnCodec.FORMAT_V2, ColumnCodec.KIND_SERIES);
        varint(out, 2);
        out.write(1);
        varint(out, 0);
        varint(out, 0);
        out.write(1);
        varint(out, zigZag(limit - 1));
        varint(out, zigZag(1));
        byte[] bytes = out.toByteArray();
        assertThrows(CodecException.class, () -> ColumnCodec.decodeSeries(bytes));
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
            if (bytes.length > 0 && (bytes[0] == ColumnCodec.FORMAT_V1 || bytes[0] == ColumnCodec.FORMAT_V2)) {
                bytes[0] = 0; // keep these pure noise; noise behind a valid header is the next test
            }
            assertThrows(CodecException.class, () -> ColumnCodec.decodeSeries(bytes));
            assertThrows(CodecException.class, () -> ColumnCodec.decodeCandles(bytes));
        }
    }

    @Test
    void noiseBehindAValidHeaderOnlyEverGivesCodecException() {
        for (byte format : FORMATS) {
            SplittableRandom random = new SplittableRandom(99);
            int rejected = 0;
            for (int i = 0; i < 4_000; i++) {
                byte[] bytes = new byte[ColumnCodec.HEADER_BYTES + random.nextInt(200)];
                random.nextBytes(bytes);
                bytes[0] = format;
                bytes[1] = i % 2 == 0 ? ColumnCodec.KIND_SERIES : ColumnCodec.KIND_CANDLES;
                rejected += decodesOrRejects(bytes, i % 2 == 0 ? ColumnCodec::decodeSeries : ColumnCodec::decodeCandles);
            }
            assertTrue(rejected > 3_900, "noise should almost never parse, " + rejected + " rejected, format " + format);
        }
    }

    @Test
    void corruptedEncodingsOnlyEverGiveCodecException() {
        SplittableRandom random = new SplittableRandom(5);
        CandleColumns sample = TestCandles.randomWalk("C", Interval.M15, 300, 20);
        IndicatorSeries sma = sma(sample, 10);
        // A raw output (the SMA) next to a decimal one (the closes).
        IndicatorSeries mixed = new IndicatorSeries(sma.t(), new double[][]{sma.values()[0], sample.c()},
                sma.firstDefined());
        CacheEntry<IndicatorSeries> seriesEntry = CacheEntry.of(mixed, 1, 2);
        CacheEntry<CandleColumns> candleEntry = CacheEntry.of(sample.slice(0, 60), 1, 2);
        byte[] seriesV2 = ColumnCodec.encodeSeries(seriesEntry);
        assertArrayEquals(new int[]{RAW, 5}, modes(seriesV2));
        List<byte[]> series = List.of(seriesV2, encodeSeriesV1(seriesEntry));
        List<byte[]> candles = List.of(ColumnCodec.encodeCandles(candleEntry), encodeCandlesV1(candleEntry));
        for (int e = 0; e < 2; e++) {
            int rejected = 0;
            int decoded = 0;
            for (int i = 0; i < 3_000; i++) {
                byte[] s = series.get(e).clone();
                byte[] c = candles.get(e).clone();
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    // Skip the format and kind bytes: flipping those is covered above.
                    s[2 + random.nextInt(s.length - 2)] ^= (byte) (1 << random.nextInt(8));
                    c[2 + random.nextInt(c.length - 2)] ^= (byte) (1 << random.nextInt(8));
                }
                int r = decodesOrRejects(s, ColumnCodec::decodeSeries) + decodesOrRejects(c, ColumnCodec::decodeCandles);
                rejected += r;
                decoded += 2 - r;
            }
            // Both outcomes, or the flips never reached what they should probe.
            assertTrue(rejected > 0 && decoded > 0, rejected + " rejected, " + decoded + " decoded");
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
        IndicatorSeries series = sma(TestCandles.randomWalk("SIZE", Interval.H1, 5_000 + 29, 100), 30);
        assertEquals(5_000, series.size() - series.firstDefined());
        byte[] bytes = ColumnCodec.encodeSeries(CacheEntry.of(series, 1, 2));
        int encoded = bytes.length;
        StringBuilder json = new StringBuilder("{\"t\":");
        appendLongs(json, Arrays.copyOfRange(series.t(), series.firstDefined(), series.size()));
        json.append(",\"series\":{\"value\":");
        appendDoubles(json, Arrays.copyOfRange(series.values()[0], series.firstDefined(), series.size()));
        json.append("}}");
        System.out.printf("5,000-point SMA series: %,d bytes encoded, %,d bytes JSON (%.2f)%n", encoded,
                json.length(), (double) encoded / json.length());
        assertTrue(encoded < 0.5 * json.length(), encoded + " vs " + json.length());
        // Averages of prices are not short decimals: raw, for one mode byte more than V1.
        assertArrayEquals(new int[]{RAW}, modes(bytes));
    }

    @Test
    void fiveThousandCandlesAreUnderFourTenthsOfTheirJson() {
        CandleColumns candles = TestCandles.randomWalk("SIZE", Interval.H1, 5_000, 100);
        byte[] bytes = ColumnCodec.encodeCandles(CacheEntry.of(candles, 1, 2));
        int encoded = bytes.length;
        StringBuilder json = new StringBuilder("{\"t\":");
        appendLongs(json, candles.t());
        String[] names = {"o", "h", "l", "c", "v"};
        double[][] columns = {candles.o(), candles.h(), candles.l(), candles.c(), candles.v()};
        for (int k = 0; k < 5; k++) {
            json.append(",\"").append(names[k]).append("\":");
            appendDoubles(json, columns[k]);
        }
        json.append('}');
        Layout layout = layout(bytes);
        System.out.printf("5,000 candles: %,d bytes encoded, %,d bytes JSON (%.2f); times %,d, o h l c v %s%n",
                encoded, json.length(), (double) encoded / json.length(), layout.timeBytes(),
                Arrays.toString(layout.columnBytes()));
        assertTrue(encoded < 0.4 * json.length(), encoded + " vs " + json.length());
        // Hourly time deltas take 2 bytes.
        int n = candles.size();
        assertTrue(layout.timeBytes() <= 10 + 2L * (n - 1), layout.timeBytes() + " bytes of times");
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
        return TestCandles.randomWalk("SMALL", Interval.H1, 4, 10);
    }

    /** A small encoding of each format, with raw and decimal columns, for the rejection tests. */
    private static List<byte[]> seriesEncodings() {
        CacheEntry<IndicatorSeries> small = CacheEntry.of(smallSeries(), 5, 6);
        IndicatorSeries prices = new IndicatorSeries(smallCandles().t(), new double[][]{smallCandles().c(),
                smallCandles().v()}, 1);
        return List.of(ColumnCodec.encodeSeries(small), ColumnCodec.encodeSeries(CacheEntry.of(prices, 5, 6)),
                encodeSeriesV1(small));
    }

    private static List<byte[]> candleEncodings() {
        CacheEntry<CandleColumns> small = CacheEntry.of(smallCandles(), 5, 6);
        return List.of(ColumnCodec.encodeCandles(small), encodeCandlesV1(small));
    }

    /** The V1 layout written by hand, as values stored before V2 have it. */
    private static byte[] encodeSeriesV1(CacheEntry<IndicatorSeries> entry) {
        IndicatorSeries series = entry.value();
        int from = series.firstDefined();
        double[][] columns = new double[series.values().length][];
        for (int k = 0; k < columns.length; k++) {
            columns[k] = Arrays.copyOfRange(series.values()[k], from, series.size());
        }
        return encodeV1(ColumnCodec.KIND_SERIES, entry, Arrays.copyOfRange(series.t(), from, series.size()), columns);
    }

    private static byte[] encodeCandlesV1(CacheEntry<CandleColumns> entry) {
        CandleColumns c = entry.value();
        return encodeV1(ColumnCodec.KIND_CANDLES, entry, c.t(), new double[][]{c.o(), c.h(), c.l(), c.c(), c.v()});
    }

    private static byte[] encodeV1(byte kind, CacheEntry<?> entry, long[] t, double[][] columns) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ColumnCodec.FORMAT_V1);
        out.write(kind);
        writeLong(out, entry.generation());
        writeLong(out, entry.computedAtMillis());
        writeLong(out, entry.contentHash());
        varint(out, t.length);
        if (kind == ColumnCodec.KIND_SERIES) {
            out.write(columns.length);
        }
        long previous = 0;
        for (long time : t) {
            varint(out, zigZag(time - previous));
            previous = time;
        }
        for (double[] column : columns) {
            for (double value : column) {
                writeLong(out, Double.doubleToRawLongBits(value));
            }
        }
        return out.toByteArray();
    }

    private static void writeLong(ByteArrayOutputStream out, long value) {
        out.write(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array(), 0, Long.BYTES);
    }

    /** A V2 encoding walked as the class Javadoc lays it out, independently of the decoder. */
    private record Layout(int timeBytes, int[] modeOffsets, int[] modes, int[] columnBytes) {
    }

    private static Layout layout(byte[] bytes) {
        assertEquals(ColumnCodec.FORMAT_V2, bytes[0]);
        int[] pos = {ColumnCodec.HEADER_BYTES};
        int n = (int) readVarint(bytes, pos);
        int columns = bytes[1] == ColumnCodec.KIND_SERIES ? Byte.toUnsignedInt(bytes[pos[0]++]) : 5;
        int timesStart = pos[0];
        for (int i = 0; i < n; i++) {
            readVarint(bytes, pos);
        }
        int timeBytes = pos[0] - timesStart;
        int[] offsets = new int[columns];
        int[] modes = new int[columns];
        int[] sizes = new int[columns];
        for (int k = 0; k < columns; k++) {
            offsets[k] = pos[0];
            modes[k] = Byte.toUnsignedInt(bytes[pos[0]++]);
            int start = pos[0];
            if (modes[k] == RAW) {
                pos[0] += 8 * n;
            } else {
                for (int i = 0; i < n; i++) {
                    readVarint(bytes, pos);
                }
            }
            sizes[k] = pos[0] - start;
        }
        assertEquals(bytes.length, pos[0], "the layout accounts for every byte");
        return new Layout(timeBytes, offsets, modes, sizes);
    }

    private static int[] modes(byte[] bytes) {
        return layout(bytes).modes();
    }

    private static long readVarint(byte[] bytes, int[] pos) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = bytes[pos[0]++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
    }

    /** The mode the encoder picks for a one-value column of {@code value}, which must round-trip. */
    private static int singleValueMode(double value) {
        IndicatorSeries series = new IndicatorSeries(new long[]{0}, new double[][]{{value}}, 0);
        assertSameDefinedPart(series, roundTrip(series).value());
        return modes(ColumnCodec.encodeSeries(CacheEntry.of(series, 1, 2)))[0];
    }

    private static double decodeOneScaled(long scaled) {
        return decodeOneScaled(scaled, 0);
    }

    /** Decodes a hand-made V2 series of one value: {@code scaled} at {@code decimals}. */
    private static double decodeOneScaled(long scaled, int decimals) {
        ByteArrayOutputStream out = header(ColumnCodec.FORMAT_V2, ColumnCodec.KIND_SERIES);
        varint(out, 1);
        out.write(1);
        varint(out, 0);
        out.write(1 + decimals);
        varint(out, zigZag(scaled));
        return ColumnCodec.decodeSeries(out.toByteArray()).value().values()[0][0];
    }

    private static double[] negate(double[] values) {
        return Arrays.stream(values).map(v -> -v).toArray();
    }

    /** Bytes the calling thread allocates while {@code action} runs. */
    private static long allocatedBytes(Runnable action) {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        action.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    private static ByteArrayOutputStream header(byte format, byte kind) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(format);
        out.write(kind);
        out.write(new byte[24], 0, 24);
        return out;
    }

    private static long zigZag(long value) {
        return (value << 1) ^ (value >> 63);
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
