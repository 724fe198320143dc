package com.chartfeed.bench;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorType;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.meta.CoreMetaData;
import com.tictactec.ta.lib.meta.annotation.FuncInfo;
import com.tictactec.ta.lib.meta.annotation.InputParameterType;
import com.tictactec.ta.lib.meta.annotation.OutputParameterType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * The studies that run on TA-Lib itself (every catalogue study with a {@code talib} name and no
 * kernel of ours), TA-Lib's default parameters: {@code ours} is the service's call,
 * {@link IndicatorType#compute} (a reflective call of TA-Lib's function into fresh arrays, then its
 * values moved to their candles and integer patterns turned into doubles); {@code taLib} is TA-Lib's
 * own generic call ({@code CoreMetaData.callFunc}, itself reflective) into output arrays set up once.
 * The difference is what the service adds to TA-Lib's function.
 *
 * <p>The class and its state are not final because JMH generates subclasses of them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class StudyBenchmark {

    @Benchmark
    public void ours(StudyInputs in, Blackhole bh) {
        bh.consume(in.type.compute(in.columns, in.params));
    }

    @Benchmark
    public void taLib(StudyInputs in, Blackhole bh) throws Exception {
        in.meta.callFunc(0, in.candles - 1, in.begin, in.count);
        bh.consume(in.count.value);
        bh.consume(in.outputs);
    }

    /**
     * TA-Lib writing into new arrays each call, as a caller that keeps each result (a cache) must:
     * the like-for-like comparison with {@link #ours}, which returns fresh columns.
     */
    @Benchmark
    public void taLibFreshOutput(StudyInputs in, Blackhole bh) throws Exception {
        for (int i = 0; i < in.outputs.length; i++) {
            if (in.outputs[i] instanceof int[]) {
                in.meta.setOutputParamInteger(i, new int[in.candles]);
            } else {
                in.meta.setOutputParamReal(i, new double[in.candles]);
            }
        }
        in.meta.callFunc(0, in.candles - 1, in.begin, in.count);
        bh.consume(in.count.value);
    }

    @State(Scope.Benchmark)
    public static class StudyInputs {
        @Param({"ht_trendline", "ma", "mama", "sar", "sarext", "t3", "adxr", "apo", "bop", "cmo", "dx", "macdext",
                "macdfix", "minus_di", "minus_dm", "plus_di", "plus_dm", "ppo", "rocp", "rocr", "rocr100", "trix",
                "ultosc", "ad", "adosc", "trange",
                "ht_dcperiod", "ht_dcphase", "ht_phasor", "ht_sine", "ht_trendmode", "avgprice", "medprice",
                "typprice", "wclprice", "linearreg", "linearreg_angle", "linearreg_intercept", "linearreg_slope",
                "stddev", "tsf", "var", "cdl2crows", "cdl3blackcrows", "cdl3inside", "cdl3linestrike", "cdl3outside",
                "cdl3starsinsouth", "cdl3whitesoldiers", "cdlabandonedbaby", "cdladvanceblock", "cdlbelthold",
                "cdlbreakaway", "cdlclosingmarubozu", "cdlconcealbabyswall", "cdlcounterattack", "cdldarkcloudcover",
                "cdldoji", "cdldojistar", "cdldragonflydoji", "cdlengulfing", "cdleveningdojistar", "cdleveningstar",
                "cdlgapsidesidewhite", "cdlgravestonedoji", "cdlhammer", "cdlhangingman", "cdlharami",
                "cdlharamicross", "cdlhighwave", "cdlhikkake", "cdlhikkakemod", "cdlhomingpigeon",
                "cdlidentical3crows", "cdlinneck", "cdlinvertedhammer", "cdlkicking", "cdlkickingbylength",
                "cdlladderbottom", "cdllongleggeddoji", "cdllongline", "cdlmarubozu", "cdlmatchinglow", "cdlmathold",
                "cdlmorningdojistar", "cdlmorningstar", "cdlonneck", "cdlpiercing", "cdlrickshawman",
                "cdlrisefall3methods", "cdlseparatinglines", "cdlshootingstar", "cdlshortline", "cdlspinningtop",
                "cdlstalledpattern", "cdlsticksandwich", "cdltakuri", "cdltasukigap", "cdlthrusting", "cdltristar",
                "cdlunique3river", "cdlupsidegap2crows", "cdlxsidegap3methods"})
        public String study;
        @Param({"10000"})
        public int candles;

        IndicatorType type;
        IndicatorParams params;
        CandleColumns columns;
        CoreMetaData meta;
        Object[] outputs;
        final MInteger begin = new MInteger();
        final MInteger count = new MInteger();

        @Setup
        public void setUp() throws Exception {
            type = Inputs.type(study);
            params = Inputs.defaults(type);
            columns = Inputs.candles(candles);
            meta = CoreMetaData.getInstance(type.talib());
            FuncInfo info = meta.getFuncInfo();
            for (int i = 0; i < info.nbInput(); i++) {
                if (meta.getInputParameterInfo(i).type() == InputParameterType.TA_Input_Price) {
                    meta.setInputParamPrice(i, columns.o(), columns.h(), columns.l(), columns.c(), columns.v(),
                            new double[candles]);
                } else {
                    meta.setInputParamReal(i, columns.c());
                }
            }
            for (int i = 0; i < info.nbOptInput(); i++) {
                switch (meta.getOptInputParameterInfo(i).type()) {
                    case TA_OptInput_IntegerRange -> meta.setOptInputParamInteger(i, (int) params.values()[i]);
                    // by label: the int setter stores an Integer where TA-Lib's MAType is due
                    case TA_OptInput_IntegerList ->
                            meta.setOptInputParamInteger(i,
                                    meta.getOptInputIntegerList(i).string()[(int) params.values()[i]]);
                    default -> meta.setOptInputParamReal(i, params.values()[i]);
                }
            }
            if (info.nbOptInput() == 0) {
                // CoreMetaData 0.4.0 creates its options array only in a setter, and callFunc needs it
                var options = CoreMetaData.class.getDeclaredField("callOptInputParams");
                options.setAccessible(true);
                options.set(meta, new Object[0]);
            }
            outputs = new Object[info.nbOutput()];
            for (int i = 0; i < info.nbOutput(); i++) {
                if (meta.getOutputParameterInfo(i).type() == OutputParameterType.TA_Output_Integer) {
                    outputs[i] = new int[candles];
                    meta.setOutputParamInteger(i, outputs[i]);
                } else {
                    outputs[i] = new double[candles];
                    meta.setOutputParamReal(i, outputs[i]);
                }
            }
        }
    }
}
