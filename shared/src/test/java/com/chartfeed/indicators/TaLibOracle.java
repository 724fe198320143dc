package com.chartfeed.indicators;

import com.chartfeed.candles.CandleColumns;
import com.tictactec.ta.lib.Core;
import io.micronaut.core.annotation.Nullable;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;
import com.tictactec.ta.lib.meta.CoreMetaData;
import com.tictactec.ta.lib.meta.annotation.FuncInfo;
import com.tictactec.ta.lib.meta.annotation.InputParameterType;
import com.tictactec.ta.lib.meta.annotation.OutputParameterType;

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
        MInteger begin = new MInteger();
        MInteger count = new MInteger();
        double[] in = p.type().usesSource() ? p.source().select(c) : null;
        double[][] out = new double[p.type().outputs().size()][n];
        if (n == 0) {
            return out;
        }
        if (p.type().code().equals("vwap")) {
            throw new IllegalArgumentException("TA-Lib has no VWAP");
        }
        RetCode code = namedCall(core, p, c, in, begin, count, out);
        if (code == null) {
            code = generic(p, c, in, begin, count, out);
        }
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

    /**
     * TA-Lib's named function for {@code p}'s study over the candles {@code c} and, for a study on
     * one price series, {@code in}, writing into {@code out}; {@code null} for a study none is
     * written for here. The oracle's call for those studies, and the call {@code KernelBenchmark}
     * times against ours.
     */
    public static @Nullable RetCode namedCall(Core core, IndicatorParams p, CandleColumns c, @Nullable double[] in,
                                              MInteger begin, MInteger count, double[][] out) {
        int end = c.size() - 1;
        return switch (p.type().code()) {
            case "sma" -> core.sma(0, end, in, p.period(), begin, count, out[0]);
            case "ema" -> core.ema(0, end, in, p.period(), begin, count, out[0]);
            case "wma" -> core.wma(0, end, in, p.period(), begin, count, out[0]);
            case "dema" -> core.dema(0, end, in, p.period(), begin, count, out[0]);
            case "tema" -> core.tema(0, end, in, p.period(), begin, count, out[0]);
            case "trima" -> core.trima(0, end, in, p.period(), begin, count, out[0]);
            case "kama" -> core.kama(0, end, in, p.period(), begin, count, out[0]);
            case "rsi" -> core.rsi(0, end, in, p.period(), begin, count, out[0]);
            case "macd" -> core.macd(0, end, in, p.intValue("fast"), p.intValue("slow"), p.intValue("signal"),
                    begin, count, out[0], out[1], out[2]);
            case "bbands" -> core.bbands(0, end, in, p.period(), p.value("stddev"), p.value("stddev"), MAType.Sma,
                    begin, count, out[0], out[1], out[2]);
            case "atr" -> core.atr(0, end, c.h(), c.l(), c.c(), p.period(), begin, count, out[0]);
            case "natr" -> core.natr(0, end, c.h(), c.l(), c.c(), p.period(), begin, count, out[0]);
            case "adx" -> core.adx(0, end, c.h(), c.l(), c.c(), p.period(), begin, count, out[0]);
            case "cci" -> core.cci(0, end, c.h(), c.l(), c.c(), p.period(), begin, count, out[0]);
            case "willr" -> core.willR(0, end, c.h(), c.l(), c.c(), p.period(), begin, count, out[0]);
            case "mfi" -> core.mfi(0, end, c.h(), c.l(), c.c(), c.v(), p.period(), begin, count, out[0]);
            case "stoch" -> core.stoch(0, end, c.h(), c.l(), c.c(), p.intValue("fastk"), p.intValue("slowk"),
                    MAType.Sma, p.intValue("slowd"), MAType.Sma, begin, count, out[0], out[1]);
            case "roc" -> core.roc(0, end, in, p.period(), begin, count, out[0]);
            case "mom" -> core.mom(0, end, in, p.period(), begin, count, out[0]);
            case "obv" -> core.obv(0, end, in, c.v(), begin, count, out[0]);
            case "aroon" -> core.aroon(0, end, c.h(), c.l(), p.period(), begin, count, out[0], out[1]);
            case "aroonosc" -> core.aroonOsc(0, end, c.h(), c.l(), p.period(), begin, count, out[0]);
            case "midpoint" -> core.midPoint(0, end, in, p.period(), begin, count, out[0]);
            case "midprice" -> core.midPrice(0, end, c.h(), c.l(), p.period(), begin, count, out[0]);
            case "stochf" -> core.stochF(0, end, c.h(), c.l(), c.c(), p.intValue("fastk"), p.intValue("fastd"),
                    MAType.values()[p.intValue("fastdmatype")], begin, count, out[0], out[1]);
            case "stochrsi" -> core.stochRsi(0, end, in, p.period(), p.intValue("fastk"), p.intValue("fastd"),
                    MAType.values()[p.intValue("fastdmatype")], begin, count, out[0], out[1]);
            default -> null;
        };
    }

    /**
     * Any other study through TA-Lib's own generic call ({@link CoreMetaData#callFunc}), a path
     * independent of the service's reflective one: parameters set by their TA-Lib index, price
     * inputs handed over as all candle columns for TA-Lib to pick from.
     */
    private static RetCode generic(IndicatorParams p, CandleColumns c, double[] in, MInteger begin, MInteger count,
                                   double[][] out) {
        try {
            CoreMetaData meta = CoreMetaData.getInstance(p.type().talib());
            FuncInfo info = meta.getFuncInfo();
            for (int i = 0; i < info.nbInput(); i++) {
                if (meta.getInputParameterInfo(i).type() == InputParameterType.TA_Input_Price) {
                    meta.setInputParamPrice(i, c.o(), c.h(), c.l(), c.c(), c.v(), new double[c.size()]);
                } else {
                    meta.setInputParamReal(i, in);
                }
            }
            for (int i = 0; i < info.nbOptInput(); i++) {
                switch (meta.getOptInputParameterInfo(i).type()) {
                    case TA_OptInput_IntegerRange -> meta.setOptInputParamInteger(i, (int) p.values()[i]);
                    // by the list's own label: the int setter stores an Integer where MAType is due
                    case TA_OptInput_IntegerList ->
                            meta.setOptInputParamInteger(i,
                                    meta.getOptInputIntegerList(i).string()[(int) p.values()[i]]);
                    default -> meta.setOptInputParamReal(i, p.values()[i]);
                }
            }
            if (info.nbOptInput() == 0) {
                // CoreMetaData 0.4.0 only creates its options array in a setter; callFunc needs it
                var options = CoreMetaData.class.getDeclaredField("callOptInputParams");
                options.setAccessible(true);
                options.set(meta, new Object[0]);
            }
            int[][] integers = new int[info.nbOutput()][];
            for (int i = 0; i < info.nbOutput(); i++) {
                if (meta.getOutputParameterInfo(i).type() == OutputParameterType.TA_Output_Integer) {
                    integers[i] = new int[c.size()];
                    meta.setOutputParamInteger(i, integers[i]);
                } else {
                    meta.setOutputParamReal(i, out[i]);
                }
            }
            meta.callFunc(0, c.size() - 1, begin, count);
            for (int i = 0; i < integers.length; i++) {
                if (integers[i] != null) {
                    for (int j = 0; j < c.size(); j++) {
                        out[i][j] = integers[i][j];
                    }
                }
            }
            return RetCode.Success;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("TA-Lib " + p, e);
        }
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
