package com.chartfeed.indicators;

import com.chartfeed.candles.CandleColumns;
import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;

import java.util.Arrays;

/**
 * TA-Lib's Java port computing any indicator of the API over a whole history, laid out like our
 * series (full length, NaN during the warm-up). The oracle every value is checked against.
 */
public final class TaLibOracle {
    private TaLibOracle() {
    }

    public static double[][] compute(IndicatorParams p, CandleColumns c) {
        Core core = new Core();
        int n = c.size();
        int end = n - 1;
        MInteger begin = new MInteger();
        MInteger count = new MInteger();
        double[] in = p.type().usesSource() ? p.source().select(c) : null;
        double[][] out = new double[p.type().outputs().size()][n];
        if (n == 0) {
            return out;
        }
        RetCode code = switch (p.type()) {
            case SMA -> core.sma(0, end, in, p.intValue(0), begin, count, out[0]);
            case EMA -> core.ema(0, end, in, p.intValue(0), begin, count, out[0]);
            case WMA -> core.wma(0, end, in, p.intValue(0), begin, count, out[0]);
            case DEMA -> core.dema(0, end, in, p.intValue(0), begin, count, out[0]);
            case TEMA -> core.tema(0, end, in, p.intValue(0), begin, count, out[0]);
            case TRIMA -> core.trima(0, end, in, p.intValue(0), begin, count, out[0]);
            case KAMA -> core.kama(0, end, in, p.intValue(0), begin, count, out[0]);
            case RSI -> core.rsi(0, end, in, p.intValue(0), begin, count, out[0]);
            case MACD -> core.macd(0, end, in, p.intValue(0), p.intValue(1), p.intValue(2), begin, count,
                    out[0], out[1], out[2]);
            case BBANDS -> core.bbands(0, end, in, p.intValue(0), p.value(1), p.value(1), MAType.Sma, begin, count,
                    out[0], out[1], out[2]);
            case ATR -> core.atr(0, end, c.h(), c.l(), c.c(), p.intValue(0), begin, count, out[0]);
            case NATR -> core.natr(0, end, c.h(), c.l(), c.c(), p.intValue(0), begin, count, out[0]);
            case ADX -> core.adx(0, end, c.h(), c.l(), c.c(), p.intValue(0), begin, count, out[0]);
            case CCI -> core.cci(0, end, c.h(), c.l(), c.c(), p.intValue(0), begin, count, out[0]);
            case WILLR -> core.willR(0, end, c.h(), c.l(), c.c(), p.intValue(0), begin, count, out[0]);
            case MFI -> core.mfi(0, end, c.h(), c.l(), c.c(), c.v(), p.intValue(0), begin, count, out[0]);
            case STOCH -> core.stoch(0, end, c.h(), c.l(), c.c(), p.intValue(0), p.intValue(1), MAType.Sma,
                    p.intValue(2), MAType.Sma, begin, count, out[0], out[1]);
            case ROC -> core.roc(0, end, in, p.intValue(0), begin, count, out[0]);
            case MOM -> core.mom(0, end, in, p.intValue(0), begin, count, out[0]);
            case OBV -> core.obv(0, end, in, c.v(), begin, count, out[0]);
            case VWAP -> throw new IllegalArgumentException("TA-Lib has no VWAP");
        };
        if (code != RetCode.Success) {
            throw new IllegalStateException("TA-Lib " + p + ": " + code);
        }
        for (double[] column : out) {
            // TA-Lib writes its count values from index 0; shift them to their candles.
            System.arraycopy(column, 0, column, begin.value, count.value);
            Arrays.fill(column, 0, Math.min(begin.value, n), Double.NaN);
            if (count.value == 0) {
                Arrays.fill(column, Double.NaN);
            }
        }
        return out;
    }

    /** TA-Lib's warm-up: index of its first output, or n when it gives none. */
    public static int firstDefined(IndicatorParams p, CandleColumns c) {
        double[] first = compute(p, c)[0];
        for (int i = 0; i < first.length; i++) {
            if (!Double.isNaN(first[i])) {
                return i;
            }
        }
        return first.length;
    }

    /** The API's tolerance: relative 1e-9 (absolute near zero). */
    public static boolean close(double ours, double expected) {
        return Math.abs(ours - expected) <= 1e-9 * Math.max(1.0, Math.abs(expected));
    }
}
