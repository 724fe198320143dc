package com.chartfeed.indicators;

import com.chartfeed.problems.ProblemException;
import com.chartfeed.api.QueryParser;
import com.chartfeed.indicators.kernels.SmaStepper;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.meta.CoreMetaData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalogue holds every chart study of TA-Lib's metadata, each described consistently. */
class CatalogueTest {

    @Test
    void everyTaLibStudyOfTheChartGroupsIsServedExceptTheLeftOutOnes() throws Exception {
        List<String> expected = new ArrayList<>();
        CoreMetaData.forEachFunc(meta -> {
            String name = meta.getFuncInfo().name();
            if (Catalogue.GROUPS.contains(meta.getFuncInfo().group()) && !Catalogue.LEFT_OUT.contains(name)) {
                expected.add(name);
            }
        });
        Set<String> served = new HashSet<>();
        for (IndicatorType type : IndicatorType.values()) {
            if (type.talib() != null) {
                served.add(type.talib());
                assertEquals(type.talib().toLowerCase(Locale.ROOT), type.code());
            }
        }
        assertEquals(Set.copyOf(expected), served);
        assertEquals(129, served.size());
        assertTrue(IndicatorType.fromCode("vwap").isPresent());
        assertFalse(IndicatorType.fromCode("mavp").isPresent());
        assertFalse(IndicatorType.fromCode("beta").isPresent());
    }

    @Test
    void theExistingIndicatorsKeepTheirKernelsNamesAndParameters() {
        assertEquals(IndicatorType.MACD, IndicatorType.fromCode("macd").orElseThrow());
        assertEquals(List.of("fast", "slow", "signal"),
                IndicatorType.MACD.params().stream().map(ParamSpec::name).toList());
        assertEquals(List.of("k", "d"), IndicatorType.STOCH.outputs());
        assertEquals(List.of("period", "stddev"), IndicatorType.BBANDS.params().stream().map(ParamSpec::name).toList());
        assertEquals(34, IndicatorType.OWN.size());
        for (IndicatorType own : IndicatorType.OWN) {
            assertEquals(own, IndicatorType.fromCode(own.code()).orElseThrow());
        }
    }

    @Test
    void everyStudyIsDescribedConsistently() {
        Set<String> codes = new HashSet<>();
        for (IndicatorType type : IndicatorType.values()) {
            assertTrue(codes.add(type.code()), "unique " + type);
            assertFalse(type.title().isBlank(), "title of " + type);
            assertTrue(Catalogue.GROUPS.contains(type.group()), "group of " + type);
            assertTrue(Set.of("overlay", "pane").contains(type.placement().code()), type.code());
            assertTrue(Set.of("line", "histogram", "pattern").contains(type.kind().code()), type.code());
            assertEquals(type.group().equals("Pattern Recognition"), type.kind().code().equals("pattern"), type.code());
            assertFalse(type.inputs().isEmpty(), type.code());
            assertFalse(type.outputs().isEmpty(), type.code());
            assertEquals(type.outputs().size(), Set.copyOf(type.outputs()).size(), type.code());
            for (ParamSpec spec : type.params()) {
                assertTrue(spec.min() <= spec.defaultValue() && spec.defaultValue() <= spec.max(), type + " " + spec);
                assertTrue(Double.isFinite(spec.min()) && Double.isFinite(spec.max()), type + " " + spec);
                assertTrue(spec.max() <= IndicatorType.PERIOD_MAX || spec.type() == ParamSpec.Type.REAL,
                        type + " " + spec);
                assertFalse(spec.name().equals("source") || QueryParser.isWindowField(spec.name()), type + " " + spec);
            }
        }
        assertEquals(Catalogue.GROUPS.indexOf("Overlap Studies"),
                Catalogue.GROUPS.indexOf(IndicatorType.values().get(0).group()));
    }

    /** A window study's value is a function of its window alone, which a stepper or {@code unstable()} contradicts. */
    @Test
    void aWindowStudySteppedOrUnstableStopsTheStart() {
        assertThrows(IllegalStateException.class, () -> roc().window().unstable().build());
        assertThrows(IllegalStateException.class,
                () -> roc().window().stepper(p -> new SmaStepper(p.period())).build());
        assertEquals(Extension.WINDOW, Extension.of(roc().window().build()));
    }

    private static IndicatorType.Builder roc() {
        return IndicatorType.Builder.fromTaLib("ROC").computesValue(p -> 0, (c, p) -> c.c());
    }

    @Test
    void placementComesFromTaLibAndUnstableFromTheHistoryStart() {
        assertEquals("overlay", IndicatorType.fromCode("sar").orElseThrow().placement().code());
        assertEquals("overlay", IndicatorType.SMA.placement().code());
        assertEquals("pane", IndicatorType.RSI.placement().code());
        assertTrue(IndicatorType.RSI.unstable());
        assertFalse(IndicatorType.SMA.unstable());
        assertEquals("Relative Strength Index", IndicatorType.RSI.title());
        assertEquals("Engulfing Pattern", IndicatorType.fromCode("cdlengulfing").orElseThrow().title());
        assertEquals("pattern", IndicatorType.fromCode("cdlengulfing").orElseThrow().kind().code());
        assertEquals(List.of("open", "high", "low", "close"), IndicatorType.fromCode("cdlengulfing").orElseThrow().inputs());
        assertEquals(List.of("aroondown", "aroonup"), IndicatorType.fromCode("aroon").orElseThrow().outputs());
        assertEquals(List.of("macd", "signal", "hist"), IndicatorType.fromCode("macdext").orElseThrow().outputs());
    }

    @Test
    void parameterNamesFollowTaLibs() {
        assertEquals("period", Catalogue.paramName("optInTimePeriod"));
        assertEquals("period2", Catalogue.paramName("optInTimePeriod2"));
        assertEquals("fast", Catalogue.paramName("optInFastPeriod"));
        assertEquals("signal", Catalogue.paramName("optInSignalPeriod"));
        assertEquals("fastk", Catalogue.paramName("optInFastK_Period"));
        assertEquals("stddevup", Catalogue.paramName("optInNbDevUp"));
        assertEquals("stddev", Catalogue.paramName("optInNbDev"));
        assertEquals("matype", Catalogue.paramName("optInMAType"));
        assertEquals("slowkmatype", Catalogue.paramName("optInSlowK_MAType"));
        assertEquals("accelerationmaxshort", Catalogue.paramName("optInAccelerationMaxShort"));
        IndicatorType stochrsi = IndicatorType.fromCode("stochrsi").orElseThrow();
        assertEquals(List.of("period", "fastk", "fastd", "fastdmatype"),
                stochrsi.params().stream().map(ParamSpec::name).toList());
        assertEquals(ParamSpec.Type.MATYPE, stochrsi.params().get(3).type());
    }

    @Test
    void maTypesAreTaLibsInItsOrder() {
        assertEquals(MAType.values().length, ParamSpec.MA_TYPES.size());
        for (MAType type : MAType.values()) {
            assertEquals(type.name().toLowerCase(Locale.ROOT), ParamSpec.MA_TYPES.get(type.ordinal()));
        }
    }

    @Test
    void parsesMaTypesByNameAndRefusesOthersNamingTheField() {
        IndicatorType ma = IndicatorType.fromCode("ma").orElseThrow();
        IndicatorParams params = QueryParser.params(ma, Map.of("matype", "T3", "period", "9"));
        assertEquals("period=9,matype=t3,source=close", params.canonical());
        assertEquals("t3", params.asMap().get("matype"));
        ProblemException bad = assertThrows(ProblemException.class,
                () -> QueryParser.params(ma, Map.of("matype", "hull")));
        assertEquals("matype", bad.toProblem().errors().get(0).field());
        assertTrue(bad.toProblem().errors().get(0).message().contains("sma ema wma dema tema trima kama mama t3"));
    }

    @Test
    void outOfRangeParametersNameTheFieldAndTheBound() {
        IndicatorType cci = IndicatorType.CCI;
        ProblemException tooLong = assertThrows(ProblemException.class,
                () -> QueryParser.params(cci, Map.of("period", String.valueOf(IndicatorType.WINDOW_PERIOD_MAX + 1))));
        assertEquals("period", tooLong.toProblem().errors().get(0).field());
        assertTrue(tooLong.toProblem().errors().get(0).message().contains("between 2 and " + IndicatorType.WINDOW_PERIOD_MAX),
                tooLong.toProblem().errors().get(0).message());
        ProblemException unknown = assertThrows(ProblemException.class,
                () -> QueryParser.params(IndicatorType.fromCode("sar").orElseThrow(), Map.of("accel", "0.1")));
        assertEquals("accel", unknown.toProblem().errors().get(0).field());
        ProblemException real = assertThrows(ProblemException.class,
                () -> QueryParser.params(IndicatorType.fromCode("sar").orElseThrow(), Map.of("acceleration", "1e300")));
        assertEquals("acceleration", real.toProblem().errors().get(0).field());
        ProblemException macd = assertThrows(ProblemException.class,
                () -> QueryParser.params(IndicatorType.MACD, Map.of("fast", "30")));
        assertEquals("fast", macd.toProblem().errors().get(0).field());
    }
}
