package com.chartfeed.indicators;

import com.chartfeed.api.QueryParser;
import com.chartfeed.candles.CandleColumns;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every claim the studies' notes ({@link StudyNote}) make about our computation, checked through the
 * catalogue against the convention written out plainly here (and, where a note says how TradingView differs, against
 * its Pine Script reference's own definition of the function), on a random walk.
 */
class StudyConventionsTest {
    private static final CandleColumns WALK = UnstableFlagTest.randomWalk(2_000,
            Instant.parse("2024-01-01T00:00:00Z").getEpochSecond(), 42L);
    private static final double[] H = WALK.h();
    private static final double[] L = WALK.l();
    private static final double[] C = WALK.c();
    private static final double[] V = WALK.v();
    private static final int N = C.length;

    @Test
    void supertrendIsUpAtPlusOneOnARisingSeries() {
        double[] close = new double[300];
        double[] high = new double[300];
        double[] low = new double[300];
        for (int i = 0; i < close.length; i++) {
            close[i] = 100 + i;
            high[i] = close[i] + 0.5;
            low[i] = close[i] - 0.5;
        }
        CandleColumns rising = new CandleColumns(new long[300], close, high, low, close, new double[300]);
        double[][] st = compute("supertrend", Map.of(), rising);
        assertEquals(-1, st[1][10], "the first candle starts down, as TradingView's");
        for (int i = 100; i < 300; i++) {
            assertEquals(1, st[1][i], "up at " + i);
            assertTrue(st[0][i] < low[i], "an up trend's line is the lower band, under the candle, at " + i);
        }
    }

    /**
     * TradingView's {@code pine_supertrend} and {@code pine_atr} from its Pine Script reference: the
     * same bands and flips with the opposite sign, on an ATR that counts the first candle's range and
     * so starts a candle earlier; once that start is forgotten the lines are equal.
     */
    @Test
    void supertrendIsTradingViewsWithTheDirectionReversedOnceTheAtrStartIsForgotten() {
        int period = 10;
        double factor = 3;
        double[][] ours = compute("supertrend", Map.of(), WALK);
        double[] tr = new double[N];
        for (int i = 0; i < N; i++) {
            tr[i] = i == 0 ? H[0] - L[0] : trueRange(i);
        }
        double[] atr = rma(tr, period);
        double[] tv = new double[N];
        double[] tvDirection = new double[N];
        double prevUpper = 0;
        double prevLower = 0;
        for (int i = period - 1; i < N; i++) {
            double mid = (H[i] + L[i]) / 2;
            double upper = mid + factor * atr[i];
            double lower = mid - factor * atr[i];
            double prevClose = i == 0 ? Double.NaN : C[i - 1];
            lower = lower > prevLower || prevClose < prevLower ? lower : prevLower;
            upper = upper < prevUpper || prevClose > prevUpper ? upper : prevUpper;
            if (i == period - 1) {
                tvDirection[i] = 1;
            } else if (tv[i - 1] == prevUpper) {
                tvDirection[i] = C[i] > upper ? -1 : 1;
            } else {
                tvDirection[i] = C[i] < lower ? 1 : -1;
            }
            tv[i] = tvDirection[i] == -1 ? lower : upper;
            prevUpper = upper;
            prevLower = lower;
        }
        int lastDifferent = -1;
        for (int i = period; i < N; i++) {
            if (!close(ours[0][i], tv[i])) {
                lastDifferent = i;
            }
        }
        int differing = lastDifferent - period + 1;
        assertTrue(differing > 0 && differing < 400, "values differ over the first " + differing + " candles only");
        for (int i = lastDifferent + 1; i < N; i++) {
            assertEquals(-tvDirection[i], ours[1][i], "direction at " + i);
        }
        assertTrue(N - lastDifferent > 1_000);
    }

    @Test
    void donchianIncludesTheCurrentCandle() {
        double[][] dc = compute("donchian", Map.of(), WALK);
        int breakouts = 0;
        for (int i = 20; i < N; i++) {
            double before = Arrays.stream(H, i - 20, i).max().orElseThrow();
            if (H[i] > before) {
                assertEquals(H[i], dc[0][i], "a new high is the upper band at its own candle, " + i);
                assertEquals(Arrays.stream(L, i - 19, i + 1).min().orElseThrow(), dc[2][i]);
                breakouts++;
            }
        }
        assertTrue(breakouts > 20, "breakouts: " + breakouts);
    }

    @Test
    void vwapWeighsTheTypicalPriceFromUtcMidnight() {
        long midnight = Instant.parse("2024-03-05T00:00:00Z").getEpochSecond();
        long[] t = {midnight - 7_200, midnight - 3_600, midnight, midnight + 3_600};
        double[] h = {11, 12, 13, 14};
        double[] l = {9, 9, 10, 12};
        double[] c = {10, 11, 12, 13};
        double[] v = {100, 300, 50, 150};
        double[] vwap = compute("vwap", Map.of(), new CandleColumns(t, c, h, l, c, v))[0];
        double[] typical = {10, 32 / 3.0, 35 / 3.0, 13};
        assertEquals((typical[0] * 100 + typical[1] * 300) / 400, vwap[1], 1e-12, "hlc3, weighted by volume");
        assertEquals(typical[2], vwap[2], 1e-12, "a new session at 00:00 UTC");
        assertEquals((typical[2] * 50 + typical[3] * 150) / 200, vwap[3], 1e-12);
    }

    @Test
    void hullTruncatesHalfThePeriodAndItsSquareRoot() {
        double[] hma = compute("hma", Map.of("period", "9"), WALK)[0];
        double[] raw = new double[N];
        double[] rounded = new double[N];
        for (int i = 8; i < N; i++) {
            raw[i] = 2 * wma(C, i, 4) - wma(C, i, 9);
            rounded[i] = 2 * wma(C, i, 5) - wma(C, i, 9);
        }
        int roundedDiffers = 0;
        for (int i = 10; i < N; i++) {
            assertClose(wma(raw, i, 3), hma[i], "hma(9) at " + i);
            roundedDiffers += close(wma(rounded, i, 3), hma[i]) ? 0 : 1;
        }
        assertTrue(roundedDiffers > N / 2, "rounding n/2 up gives another line");
    }

    @Test
    void keltnerIsTheEmaOfTheClosePlusAndMinusAMultipleOfWildersAtr() {
        double[][] kc = compute("keltner", Map.of(), WALK);
        double[] ema = compute("ema", Map.of("period", "20"), WALK)[0];
        double[] atr = compute("atr", Map.of("period", "10"), WALK)[0];
        for (int i = 19; i < N; i++) {
            assertEquals(ema[i], kc[1][i], "middle at " + i);
            assertClose(ema[i] + 2 * atr[i], kc[0][i], "upper at " + i);
            assertClose(ema[i] - 2 * atr[i], kc[2][i], "lower at " + i);
        }
    }

    /** TA-Lib seeds with an SMA; TradingView's {@code pine_ema} with the first value. */
    @Test
    void emaIsSeededWithTheSmaOfTheFirstPeriodValues() {
        double[] ema = compute("ema", Map.of(), WALK)[0];
        assertTrue(Double.isNaN(ema[28]));
        assertClose(Arrays.stream(C, 0, 30).sum() / 30, ema[29], "the first value");
        double k = 2 / 31.0;
        double tv = C[0];
        int lastDifferent = 0;
        for (int i = 1; i < N; i++) {
            tv = k * C[i] + (1 - k) * tv;
            if (i >= 29 && !close(tv, ema[i])) {
                lastDifferent = i;
            }
        }
        assertTrue(lastDifferent > 100 && lastDifferent < N - 500, "differs from TradingView's until " + lastDifferent);
        double[] dema = compute("dema", Map.of(), WALK)[0];
        double[] tema = compute("tema", Map.of(), WALK)[0];
        double[] trix = compute("trix", Map.of(), WALK)[0];
        double[] e2 = emaFrom(ema, 29, 30);
        double[] e3 = emaFrom(e2, 58, 30);
        for (int i = 87; i < N; i++) {
            assertClose(2 * ema[i] - e2[i], dema[i], "dema at " + i);
            assertClose(3 * ema[i] - 3 * e2[i] + e3[i], tema[i], "tema at " + i);
            if (i > 87) {
                assertClose(100 * (e3[i] / e3[i - 1] - 1), trix[i], "trix at " + i);
            }
        }
    }

    @Test
    void atrStartsAtCandlePeriodWithTheMeanOfTheTrueRangesFromTheSecondCandle() {
        double[] atr = compute("atr", Map.of(), WALK)[0];
        assertTrue(Double.isNaN(atr[13]), "TradingView's ta.atr already has a value here");
        double seed = 0;
        for (int i = 1; i <= 14; i++) {
            seed += trueRange(i);
        }
        double expected = seed / 14;
        assertClose(expected, atr[14], "the first value");
        for (int i = 15; i < N; i++) {
            expected = (expected * 13 + trueRange(i)) / 14;
            assertClose(expected, atr[i], "at " + i);
        }
    }

    @Test
    void rsiIsWildersSmoothingSeededWithTheMeansOfTheFirstChanges() {
        double[] rsi = compute("rsi", Map.of(), WALK)[0];
        double gain = 0;
        double loss = 0;
        for (int i = 1; i <= 14; i++) {
            gain += Math.max(C[i] - C[i - 1], 0);
            loss += Math.max(C[i - 1] - C[i], 0);
        }
        gain /= 14;
        loss /= 14;
        assertClose(100 - 100 / (1 + gain / loss), rsi[14], "first value");
        for (int i = 15; i < N; i++) {
            gain = (gain * 13 + Math.max(C[i] - C[i - 1], 0)) / 14;
            loss = (loss * 13 + Math.max(C[i - 1] - C[i], 0)) / 14;
            assertClose(100 - 100 / (1 + gain / loss), rsi[i], "at " + i);
        }
        double[] flat = new double[40];
        Arrays.fill(flat, 7.5);
        double[] still = compute("rsi", Map.of(), new CandleColumns(new long[40], flat, flat, flat, flat, flat))[0];
        assertEquals(0, still[39], "0 where the price never moved");

        double[] cmo = compute("cmo", Map.of(), WALK)[0];
        for (int i = 14; i < N; i++) {
            assertClose(2 * rsi[i] - 100, cmo[i], "cmo = 2 × rsi - 100 at " + i);
        }
    }

    @Test
    void macdSeedsItsFastEmaWhereTheSlowOneStarts() {
        double[][] macd = compute("macd", Map.of(), WALK);
        double slow = Arrays.stream(C, 0, 26).sum() / 26;
        double fast = Arrays.stream(C, 14, 26).sum() / 12;
        double[] line = new double[N];
        line[25] = fast - slow;
        for (int i = 26; i < N; i++) {
            slow += (C[i] - slow) * 2 / 27;
            fast += (C[i] - fast) * 2 / 13;
            line[i] = fast - slow;
        }
        double[] signal = emaFrom(line, 25, 9);
        for (int i = 33; i < N; i++) {
            assertClose(line[i], macd[0][i], "macd at " + i);
            assertClose(signal[i], macd[1][i], "signal at " + i);
            assertClose(line[i] - signal[i], macd[2][i], "hist at " + i);
        }
    }

    @Test
    void bollingerBandsAreThePopulationStandardDeviationAway() {
        double[][] bb = compute("bbands", Map.of("period", "20"), WALK);
        for (int i = 19; i < N; i++) {
            double mean = Arrays.stream(C, i - 19, i + 1).sum() / 20;
            double squares = 0;
            for (int j = i - 19; j <= i; j++) {
                squares += (C[j] - mean) * (C[j] - mean);
            }
            assertClose(mean, bb[1][i], "middle at " + i);
            assertClose(2 * Math.sqrt(squares / 20), bb[0][i] - bb[1][i], "width at " + i);
        }
    }

    @Test
    void cciDividesByTheMeanAbsoluteDeviationOfTheTypicalPrice() {
        double[] cci = compute("cci", Map.of(), WALK)[0];
        double[] typical = new double[N];
        Arrays.setAll(typical, i -> (H[i] + L[i] + C[i]) / 3);
        for (int i = 13; i < N; i++) {
            double mean = Arrays.stream(typical, i - 13, i + 1).sum() / 14;
            double deviation = 0;
            for (int j = i - 13; j <= i; j++) {
                deviation += Math.abs(typical[j] - mean);
            }
            assertClose((typical[i] - mean) / (0.015 * deviation / 14), cci[i], "at " + i);
        }
    }

    @Test
    void mfiSumsSignedTypicalPriceFlowAndIsZeroBelowATotalFlowOfOne() {
        double[] mfi = compute("mfi", Map.of(), WALK)[0];
        double[] typical = new double[N];
        Arrays.setAll(typical, i -> (H[i] + L[i] + C[i]) / 3);
        for (int i = 14; i < N; i++) {
            double up = 0;
            double down = 0;
            for (int j = i - 13; j <= i; j++) {
                up += typical[j] > typical[j - 1] ? typical[j] * V[j] : 0;
                down += typical[j] < typical[j - 1] ? typical[j] * V[j] : 0;
            }
            assertClose(100 - 100 / (1 + up / down), mfi[i], "at " + i);
        }
        double[] thin = new double[N];
        Arrays.setAll(thin, i -> V[i] / 1e9);
        double[] thinMfi = compute("mfi", Map.of(), new CandleColumns(WALK.t(), WALK.o(), H, L, C, thin))[0];
        for (int i = 14; i < N; i++) {
            assertEquals(0, thinMfi[i], "a total flow below 1.0 reads 0, at " + i);
        }
    }

    @Test
    void stochasticSmoothsWithSmasAndIsZeroOnAFlatRange() {
        double[][] stoch = compute("stoch", Map.of(), WALK);
        double[] fastK = new double[N];
        for (int i = 4; i < N; i++) {
            double highest = Arrays.stream(H, i - 4, i + 1).max().orElseThrow();
            double lowest = Arrays.stream(L, i - 4, i + 1).min().orElseThrow();
            fastK[i] = 100 * (C[i] - lowest) / (highest - lowest);
        }
        double[] k = new double[N];
        for (int i = 6; i < N; i++) {
            k[i] = (fastK[i] + fastK[i - 1] + fastK[i - 2]) / 3;
        }
        for (int i = 8; i < N; i++) {
            assertClose(k[i], stoch[0][i], "k at " + i);
            assertClose((k[i] + k[i - 1] + k[i - 2]) / 3, stoch[1][i], "d at " + i);
        }
        double[] flat = new double[20];
        Arrays.fill(flat, 3.25);
        assertEquals(0, compute("stoch", Map.of(), new CandleColumns(new long[20], flat, flat, flat, flat, flat))[0][19]);

        double[] rsi = compute("rsi", Map.of(), WALK)[0];
        double[][] stochRsi = compute("stochrsi", Map.of(), WALK);
        assertTrue(Double.isNaN(stochRsi[0][19]));
        for (int i = 20; i < N; i++) {
            double highest = Arrays.stream(rsi, i - 4, i + 1).max().orElseThrow();
            double lowest = Arrays.stream(rsi, i - 4, i + 1).min().orElseThrow();
            assertClose(100 * (rsi[i] - lowest) / (highest - lowest), stochRsi[0][i], "stochrsi fastk unsmoothed at " + i);
        }
    }

    @Test
    void adxIsWildersWithRunningSumsSeededOverPeriodMinusOneMoves() {
        int p = 14;
        double[] adx = compute("adx", Map.of(), WALK)[0];
        assertTrue(Double.isNaN(adx[2 * p - 2]) && !Double.isNaN(adx[2 * p - 1]), "first value at candle 2 × period - 1");
        double plus = 0;
        double minus = 0;
        double tr = 0;
        double sumDx = 0;
        double expected = 0;
        for (int i = 1; i < N; i++) {
            double up = H[i] - H[i - 1];
            double down = L[i - 1] - L[i];
            double plusDm = up > 0 && up > down ? up : 0;
            double minusDm = down > 0 && down > up ? down : 0;
            if (i < p) {
                plus += plusDm;
                minus += minusDm;
                tr += trueRange(i);
                continue;
            }
            plus = plus - plus / p + plusDm;
            minus = minus - minus / p + minusDm;
            tr = tr - tr / p + trueRange(i);
            double plusDi = 100 * plus / tr;
            double minusDi = 100 * minus / tr;
            double dx = 100 * Math.abs(plusDi - minusDi) / (plusDi + minusDi);
            if (i < 2 * p) {
                sumDx += dx;
                if (i == 2 * p - 1) {
                    expected = sumDx / p;
                    assertClose(expected, adx[i], "the first ADX, the mean of the first DX values");
                }
            } else {
                expected = (expected * (p - 1) + dx) / p;
                assertClose(expected, adx[i], "at " + i);
            }
        }
    }

    @Test
    void obvStartsAtTheFirstVolumeAndSarextGivesAShortStopNegative() {
        double[] obv = compute("obv", Map.of(), WALK)[0];
        assertEquals(V[0], obv[0], "TradingView's ta.obv starts at 0");
        double[] sar = compute("sar", Map.of(), WALK)[0];
        double[] sarext = compute("sarext", Map.of(), WALK)[0];
        int shorts = 0;
        for (int i = 1; i < N; i++) {
            // a long position's stop is at or under the low, a short one's at or over the high
            boolean isShort = sar[i] > L[i];
            assertEquals(isShort ? -sar[i] : sar[i], sarext[i], "at " + i);
            shorts += isShort ? 1 : 0;
        }
        assertTrue(shorts > N / 5 && shorts < N * 4 / 5, "shorts: " + shorts);
    }

    @Test
    void aMovingAverageKindIsStableExactlyWhenItIsAWindowAverage() {
        IndicatorType ma = IndicatorType.fromCode("ma").orElseThrow();
        for (String kind : ParamSpec.MA_TYPES) {
            boolean differs = UnstableFlagTest.firstDifference(QueryParser.params(ma, Map.of("matype", kind))) != null;
            assertEquals(!Set.of("sma", "wma", "trima").contains(kind), differs, kind);
        }
        IndicatorType macdext = IndicatorType.fromCode("macdext").orElseThrow();
        for (ParamSpec spec : macdext.params()) {
            if (spec.type() == ParamSpec.Type.MATYPE) {
                assertEquals("sma", ParamSpec.MA_TYPES.get((int) spec.defaultValue()), spec.name());
            }
        }
        for (String code : List.of("apo", "ppo", "ma")) {
            assertEquals(0, IndicatorType.fromCode(code).orElseThrow().params().stream()
                    .filter(spec -> spec.type() == ParamSpec.Type.MATYPE).findFirst().orElseThrow().defaultValue(), code);
        }
    }

    /** Short plain text on real studies: the favourites beyond TA-Lib, and every study taking a moving-average kind. */
    @Test
    void notesArePlainTextOfOneOrTwoSentencesOnStudiesThatNeedThem() {
        Pattern sentenceEnd = Pattern.compile("[.!?](\\s|$)");
        IndicatorType.values().forEach(type -> type.note().ifPresent(note -> {
            String code = type.code();
            long sentences = sentenceEnd.matcher(note.notes()).results().count();
            assertTrue(sentences >= 1 && sentences <= 2, code + ": " + sentences + " sentences");
            assertTrue(note.notes().length() <= 400, code + ": " + note.notes().length() + " characters");
            assertFalse(note.notes().matches("(?s).*[`*_|#\\n<>].*"), code + ": plain text");
            assertTrue(note.reference() == null || !note.reference().isBlank(), code);
        }));
        for (IndicatorType type : IndicatorType.values()) {
            if (type.talib() == null) {
                assertTrue(type.note().isPresent(), type + " is ours: its definition is noted");
            }
            if (type.params().stream().anyMatch(spec -> spec.type() == ParamSpec.Type.MATYPE)
                    && !type.code().equals("stochrsi")) {
                assertTrue(type.note().orElseThrow().notes().contains("with ema"), type + " notes its kinds");
            }
        }
        assertTrue(IndicatorType.SUPERTREND.note().orElseThrow().notes().startsWith("direction is +1"));
    }

    private static double[][] compute(String code, Map<String, String> query, CandleColumns candles) {
        IndicatorParams params = QueryParser.params(IndicatorType.fromCode(code).orElseThrow(), query);
        return params.type().compute(candles, params);
    }

    private static double trueRange(int i) {
        return Math.max(H[i] - L[i], Math.max(Math.abs(H[i] - C[i - 1]), Math.abs(L[i] - C[i - 1])));
    }

    /** Pine's {@code ta.rma}: seeded with the SMA of the first {@code length} values, then alpha 1/length. */
    private static double[] rma(double[] in, int length) {
        double[] out = new double[in.length];
        Arrays.fill(out, Double.NaN);
        double sum = Arrays.stream(in, 0, length).sum() / length;
        out[length - 1] = sum;
        for (int i = length; i < in.length; i++) {
            sum = in[i] / length + (1 - 1.0 / length) * sum;
            out[i] = sum;
        }
        return out;
    }

    /** An SMA-seeded EMA of {@code in} from index {@code start} on: first value at {@code start + period - 1}. */
    private static double[] emaFrom(double[] in, int start, int period) {
        double[] out = new double[in.length];
        Arrays.fill(out, Double.NaN);
        double ema = Arrays.stream(in, start, start + period).sum() / period;
        out[start + period - 1] = ema;
        for (int i = start + period; i < in.length; i++) {
            ema += (in[i] - ema) * 2 / (period + 1);
            out[i] = ema;
        }
        return out;
    }

    /** The WMA of the {@code period} values ending at {@code i}, weights 1 (oldest) to period. */
    private static double wma(double[] in, int i, int period) {
        double sum = 0;
        for (int j = 0; j < period; j++) {
            sum += in[i - period + 1 + j] * (j + 1);
        }
        return sum / (period * (period + 1) / 2.0);
    }

    private static boolean close(double expected, double actual) {
        return Math.abs(expected - actual) <= 1e-9 * Math.max(1, Math.max(Math.abs(expected), Math.abs(actual)));
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(close(expected, actual), what + ": expected " + expected + ", got " + actual);
    }
}
