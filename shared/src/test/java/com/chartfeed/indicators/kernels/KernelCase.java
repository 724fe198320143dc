package com.chartfeed.indicators.kernels;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

/**
 * One kernel with one parameter set, next to the TA-Lib call that must produce the same
 * numbers. The comparisons, lookback checks and edge-case runs all iterate {@link #all()}.
 */
record KernelCase(String name, int outputs, IntSupplier lookback, ToIntFunction<Core> taLookback,
                  Function<Series, double[][]> ours, TaCall talib) {

    /** Runs TA-Lib over the whole series (startIdx 0, endIdx n - 1). */
    interface TaCall {
        RetCode run(Core core, Series s, MInteger begIdx, MInteger nbElement, double[][] out);
    }

    @Override
    public String toString() {
        return name;
    }

    static final int[] MA_PERIODS = {30, 2, 3, 7, 50};
    static final int[] RSI_LIKE_PERIODS = {14, 2, 7, 50};
    static final int[] DIFF_PERIODS = {10, 1, 2, 7, 50};
    static final int[] ATR_PERIODS = {14, 1, 2, 7, 50};

    static List<KernelCase> all() {
        List<KernelCase> cases = new ArrayList<>();
        for (int p : MA_PERIODS) {
            cases.add(real("SMA", p, Sma::lookback, Sma::compute, Core::smaLookback, Core::sma));
            cases.add(real("EMA", p, Ema::lookback, Ema::compute, Core::emaLookback, Core::ema));
            cases.add(real("WMA", p, Wma::lookback, Wma::compute, Core::wmaLookback, Core::wma));
            cases.add(real("DEMA", p, Dema::lookback, Dema::compute, Core::demaLookback, Core::dema));
            cases.add(real("TEMA", p, Tema::lookback, Tema::compute, Core::temaLookback, Core::tema));
            cases.add(real("TRIMA", p, Trima::lookback, Trima::compute, Core::trimaLookback, Core::trima));
            cases.add(real("KAMA", p, Kama::lookback, Kama::compute, Core::kamaLookback, Core::kama));
        }
        for (int p : RSI_LIKE_PERIODS) {
            cases.add(real("RSI", p, Rsi::lookback, Rsi::compute, Core::rsiLookback, Core::rsi));
            cases.add(hlc("ADX", p, Adx::lookback, Adx::compute, Core::adxLookback, Core::adx));
            cases.add(hlc("CCI", p, Cci::lookback, Cci::compute, Core::cciLookback, Core::cci));
            cases.add(hlc("WILLR", p, Willr::lookback, Willr::compute, Core::willRLookback, Core::willR));
            cases.add(mfi(p));
            cases.add(aroon(p));
            cases.add(aroonOsc(p));
            cases.add(real("MIDPOINT", p, MidPoint::lookback, MidPoint::compute, Core::midPointLookback,
                    Core::midPoint));
            cases.add(midPrice(p));
        }
        for (int p : DIFF_PERIODS) {
            cases.add(real("ROC", p, Roc::lookback, Roc::compute, Core::rocLookback, Core::roc));
            cases.add(real("MOM", p, Mom::lookback, Mom::compute, Core::momLookback, Core::mom));
        }
        for (int p : ATR_PERIODS) {
            cases.add(hlc("ATR", p, Atr::lookback, Atr::compute, Core::atrLookback, Core::atr));
            cases.add(hlc("NATR", p, Natr::lookback, Natr::compute, Core::natrLookback, Core::natr));
        }
        cases.add(macd(12, 26, 9));
        cases.add(macd(5, 35, 5));
        cases.add(macd(26, 12, 9)); // TA-Lib swaps fast and slow
        cases.add(macd(2, 3, 2));
        cases.add(macd(7, 7, 3));
        cases.add(bbands(5, 2.0));
        cases.add(bbands(20, 2.5));
        cases.add(bbands(2, 1.0));
        cases.add(bbands(50, 0.5));
        cases.add(stoch(5, 3, 3));
        cases.add(stoch(14, 3, 3));
        cases.add(stoch(1, 1, 1));
        cases.add(stoch(5, 1, 3));
        cases.add(stoch(21, 5, 1));
        cases.add(obv());
        return cases;
    }

    // --- family builders ------------------------------------------------------------------

    interface RealKernel {
        double[] compute(double[] in, int period);
    }

    interface HlcKernel {
        double[] compute(double[] high, double[] low, double[] close, int period);
    }

    interface OurLookback {
        int of(int period);
    }

    interface TaLookback {
        int of(Core core, int period);
    }

    interface TaReal {
        RetCode run(Core core, int startIdx, int endIdx, double[] in, int period,
                    MInteger begIdx, MInteger nbElement, double[] out);
    }

    interface TaHlc {
        RetCode run(Core core, int startIdx, int endIdx, double[] high, double[] low,
                    double[] close, int period, MInteger begIdx, MInteger nbElement, double[] out);
    }

    static KernelCase real(String fn, int p, OurLookback lookback, RealKernel ours,
                           TaLookback taLookback, TaReal ta) {
        return new KernelCase(fn + "(" + p + ")", 1,
                () -> lookback.of(p),
                core -> taLookback.of(core, p),
                s -> new double[][] {ours.compute(s.close(), p)},
                (core, s, b, nb, out) -> ta.run(core, 0, s.size() - 1, s.close(), p, b, nb, out[0]));
    }

    static KernelCase hlc(String fn, int p, OurLookback lookback, HlcKernel ours,
                          TaLookback taLookback, TaHlc ta) {
        return new KernelCase(fn + "(" + p + ")", 1,
                () -> lookback.of(p),
                core -> taLookback.of(core, p),
                s -> new double[][] {ours.compute(s.high(), s.low(), s.close(), p)},
                (core, s, b, nb, out) -> ta.run(core, 0, s.size() - 1, s.high(), s.low(), s.close(),
                        p, b, nb, out[0]));
    }

    static KernelCase mfi(int p) {
        return new KernelCase("MFI(" + p + ")", 1,
                () -> Mfi.lookback(p),
                core -> core.mfiLookback(p),
                s -> new double[][] {Mfi.compute(s.high(), s.low(), s.close(), s.volume(), p)},
                (core, s, b, nb, out) -> core.mfi(0, s.size() - 1, s.high(), s.low(), s.close(),
                        s.volume(), p, b, nb, out[0]));
    }

    static KernelCase macd(int fast, int slow, int signal) {
        return new KernelCase("MACD(" + fast + "," + slow + "," + signal + ")", 3,
                () -> Macd.lookback(fast, slow, signal),
                core -> core.macdLookback(fast, slow, signal),
                s -> Macd.compute(s.close(), fast, slow, signal),
                (core, s, b, nb, out) -> core.macd(0, s.size() - 1, s.close(), fast, slow, signal,
                        b, nb, out[0], out[1], out[2]));
    }

    static KernelCase bbands(int p, double dev) {
        return new KernelCase("BBANDS(" + p + "," + dev + ")", 3,
                () -> Bbands.lookback(p),
                core -> core.bbandsLookback(p, dev, dev, MAType.Sma),
                s -> Bbands.compute(s.close(), p, dev),
                (core, s, b, nb, out) -> core.bbands(0, s.size() - 1, s.close(), p, dev, dev,
                        MAType.Sma, b, nb, out[0], out[1], out[2]));
    }

    static KernelCase stoch(int fastK, int slowK, int slowD) {
        return new KernelCase("STOCH(" + fastK + "," + slowK + "," + slowD + ")", 2,
                () -> Stoch.lookback(fastK, slowK, slowD),
                core -> core.stochLookback(fastK, slowK, MAType.Sma, slowD, MAType.Sma),
                s -> Stoch.compute(s.high(), s.low(), s.close(), fastK, slowK, slowD),
                (core, s, b, nb, out) -> core.stoch(0, s.size() - 1, s.high(), s.low(), s.close(),
                        fastK, slowK, MAType.Sma, slowD, MAType.Sma, b, nb, out[0], out[1]));
    }

    static KernelCase aroon(int p) {
        return new KernelCase("AROON(" + p + ")", 2,
                () -> Aroon.lookback(p),
                core -> core.aroonLookback(p),
                s -> Aroon.compute(s.high(), s.low(), p),
                (core, s, b, nb, out) -> core.aroon(0, s.size() - 1, s.high(), s.low(), p, b, nb, out[0], out[1]));
    }

    static KernelCase aroonOsc(int p) {
        return new KernelCase("AROONOSC(" + p + ")", 1,
                () -> Aroon.lookback(p),
                core -> core.aroonOscLookback(p),
                s -> new double[][] {Aroon.oscillator(s.high(), s.low(), p)},
                (core, s, b, nb, out) -> core.aroonOsc(0, s.size() - 1, s.high(), s.low(), p, b, nb, out[0]));
    }

    static KernelCase midPrice(int p) {
        return new KernelCase("MIDPRICE(" + p + ")", 1,
                () -> MidPoint.lookback(p),
                core -> core.midPriceLookback(p),
                s -> new double[][] {MidPoint.price(s.high(), s.low(), p)},
                (core, s, b, nb, out) -> core.midPrice(0, s.size() - 1, s.high(), s.low(), p, b, nb, out[0]));
    }

    static KernelCase obv() {
        return new KernelCase("OBV", 1,
                Obv::lookback,
                Core::obvLookback,
                s -> new double[][] {Obv.compute(s.close(), s.volume())},
                (core, s, b, nb, out) -> core.obv(0, s.size() - 1, s.close(), s.volume(), b, nb, out[0]));
    }
}
