package com.chartfeed.functions.indicator;

import com.chartfeed.candles.Interval;
import com.chartfeed.indicators.IndicatorType;
import com.chartfeed.service.CandleWriter;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.meta.CoreMetaData;
import com.tictactec.ta.lib.meta.annotation.FuncInfo;
import com.tictactec.ta.lib.meta.annotation.InputParameterType;
import com.tictactec.ta.lib.meta.annotation.OutputParameterType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code GET /v1/indicators} through the real Lambda handler, and the check an outsider would make
 * of it: reading only the catalogue and TA-Lib's metadata, every study that names a TA-Lib function
 * answers, with default parameters, TA-Lib's outputs in the catalogue's series order over a whole
 * daily history held back from every other test.
 */
class CatalogueTest {
    private static final int DAYS = 1_500;
    private static FunctionHarness<IndicatorFunction> function;
    private static String symbol;
    private static double[][] ohlcv;
    private static long[] times;

    @BeforeAll
    static void upload() {
        function = new FunctionHarness<>(IndicatorFunction::new, Map.of());
        symbol = TestServices.uniqueSymbol("CAT");
        Random random = new Random(20_261_129L);
        times = new long[DAYS];
        ohlcv = new double[5][DAYS];
        StringBuilder csv = new StringBuilder("time,open,high,low,close,volume\n");
        double close = 80;
        for (int i = 0; i < DAYS; i++) {
            times[i] = 1_500_000_000L / 86_400 * 86_400 + 86_400L * i;
            double open = Math.round(close * Math.exp(0.005 * random.nextGaussian()) * 100) / 100.0;
            close = Math.round(open * Math.exp(0.02 * random.nextGaussian()) * 100) / 100.0;
            double high = Math.round(Math.max(open, close) * (1 + 0.01 * Math.abs(random.nextGaussian())) * 100) / 100.0;
            double low = Math.round(Math.min(open, close) * (1 - 0.01 * Math.abs(random.nextGaussian())) * 100) / 100.0;
            double volume = Math.floor(1_000 + 9_000 * random.nextDouble());
            double[] row = {open, high, low, close, volume};
            for (int c = 0; c < 5; c++) {
                ohlcv[c][i] = row[c];
            }
            csv.append(times[i]).append(',').append(open).append(',').append(high).append(',').append(low)
                    .append(',').append(close).append(',').append(volume).append('\n');
        }
        APIGatewayV2HTTPResponse put = function.putCsv(symbol, "1d", csv.toString());
        assertEquals(200, put.getStatusCode(), put.getBody());
    }

    @AfterAll
    static void close() {
        function.close();
    }

    @Test
    void everyTaLibStudyOfTheCatalogueEqualsTaLibInSeriesOrder() throws Exception {
        List<Map<String, Object>> catalogue = indicators();
        int checked = 0;
        for (Map<String, Object> study : catalogue) {
            String talib = (String) study.get("talib");
            if (talib == null) {
                continue;
            }
            String name = (String) study.get("name");
            APIGatewayV2HTTPResponse response = function.get("/v1/indicators/" + symbol + "/" + name
                    + "?interval=1d&limit=5000");
            assertEquals(200, response.getStatusCode(), name + ": " + response.getBody());
            Map<String, Object> body = function.body(response);
            @SuppressWarnings("unchecked")
            List<String> seriesNames = (List<String>) study.get("series");
            Map<?, ?> series = (Map<?, ?>) body.get("series");
            assertEquals(seriesNames, new ArrayList<>(series.keySet()), name + " series in catalogue order");
            List<?> t = (List<?>) body.get("t");

            MInteger begin = new MInteger();
            double[][] expected = taLibWithDefaults(talib, begin);
            assertEquals(expected.length, seriesNames.size(), name + ": TA-Lib's outputs vs the catalogue's series");
            assertEquals(DAYS - begin.value, t.size(), name + ": points from TA-Lib's first output on");
            if (!t.isEmpty()) {
                assertEquals(times[begin.value], ((Number) t.get(0)).longValue(), name + ": first time");
            }
            for (int s = 0; s < expected.length; s++) {
                List<?> values = (List<?>) series.get(seriesNames.get(s));
                for (int i = 0; i < values.size(); i++) {
                    double ours = values.get(i) == null ? Double.NaN : ((Number) values.get(i)).doubleValue();
                    if (Double.doubleToLongBits(ours) != Double.doubleToLongBits(expected[s][i])) {
                        fail(name + " " + seriesNames.get(s) + "[" + i + "]: API " + ours + ", TA-Lib " + expected[s][i]);
                    }
                }
            }
            checked++;
        }
        assertTrue(checked >= 129, "studies checked: " + checked);
    }

    @Test
    void describesEachStudyInTheShapeOfTheApi() {
        Map<String, Map<String, Object>> byName = new java.util.LinkedHashMap<>();
        for (Map<String, Object> study : indicators()) {
            Set<String> keys = new HashSet<>(study.keySet());
            keys.removeAll(Set.of("levels", "fills"));
            assertEquals(Set.of("name", "title", "group", "talib", "inputs", "params", "series", "placement", "kind",
                    "unstable", "plots"), keys, String.valueOf(study.get("name")));
            byName.put((String) study.get("name"), study);
        }
        Map<String, Object> macd = byName.get("macd");
        assertEquals("Moving Average Convergence/Divergence", macd.get("title"));
        assertEquals("Momentum Indicators", macd.get("group"));
        assertEquals("MACD", macd.get("talib"));
        assertEquals(List.of("close"), macd.get("inputs"));
        assertEquals(List.of("macd", "signal", "hist"), macd.get("series"));
        assertEquals("pane", macd.get("placement"));
        assertEquals("line", macd.get("kind"));
        assertEquals(false, macd.get("unstable"));
        List<?> params = (List<?>) macd.get("params");
        assertEquals(Map.of("name", "fast", "type", "integer", "default", 12, "min", 2, "max", 10_000), params.get(0));
        assertEquals(Map.of("name", "source", "type", "source", "default", "close"), params.get(3));

        Map<String, Object> ma = byName.get("ma");
        assertEquals(Map.of("name", "matype", "type", "matype", "default", "sma"), ((List<?>) ma.get("params")).get(1));
        assertEquals("overlay", byName.get("sar").get("placement"));
        assertEquals("pattern", byName.get("cdlengulfing").get("kind"));
        assertEquals(List.of("open", "high", "low", "close"), byName.get("cdlengulfing").get("inputs"));
        assertNull(byName.get("vwap").get("talib"));
        assertNotNull(byName.get("ht_sine"));
    }

    @Test
    void isCacheableWithAnEtagAndALongMaxAge() {
        APIGatewayV2HTTPResponse first = function.get("/v1/indicators");
        assertEquals(200, first.getStatusCode());
        String etag = FunctionHarness.header(first, "ETag");
        assertNotNull(etag);
        assertTrue(FunctionHarness.header(first, "Cache-Control").contains("max-age=86400"));
        assertTrue(FunctionHarness.header(first, "Content-Type").startsWith("application/json"));
        assertEquals(etag, FunctionHarness.header(function.get("/v1/indicators"), "ETag"));

        APIGatewayV2HTTPResponse again = function.get("/v1/indicators", Map.of("If-None-Match", etag));
        assertEquals(304, again.getStatusCode());
        assertTrue(again.getBody() == null || again.getBody().isEmpty());
        assertEquals(200, function.get("/v1/indicators", Map.of("If-None-Match", "\"other\"")).getStatusCode());
    }

    @Test
    void aStudyAnswersWithNonDefaultParametersAndRefusesBadOnesNamingTheField() {
        APIGatewayV2HTTPResponse ok = function.get("/v1/indicators/" + symbol
                + "/stochrsi?interval=1d&period=21&fastk=7&fastdmatype=ema&source=hl2&limit=3");
        assertEquals(200, ok.getStatusCode(), ok.getBody());
        assertEquals(Map.of("period", 21, "fastk", 7, "fastd", 3, "fastdmatype", "ema", "source", "hl2"),
                function.body(ok).get("params"));
        for (String bad : List.of("period=100001", "fastdmatype=hull", "fastk=0", "peroid=5")) {
            APIGatewayV2HTTPResponse response = function.get("/v1/indicators/" + symbol + "/stochrsi?interval=1d&" + bad);
            assertEquals(400, response.getStatusCode(), bad);
            assertTrue(response.getBody().contains("\"field\":\"" + bad.substring(0, bad.indexOf('=')) + "\""),
                    response.getBody());
        }
    }

    @Test
    void boundsTheCostOfARequestNamingTheBound() {
        APIGatewayV2HTTPResponse longer = function.get("/v1/indicators/" + symbol + "/sma?interval=1d&period=2000");
        assertEquals(400, longer.getStatusCode(), longer.getBody());
        assertTrue(longer.getBody().contains("\"field\":\"period\""), longer.getBody());
        assertTrue(longer.getBody().contains("at most the stored history, " + DAYS + " candles"), longer.getBody());

        APIGatewayV2HTTPResponse window = function.get("/v1/indicators/" + symbol + "/cci?interval=1d&period=201");
        assertEquals(400, window.getStatusCode(), window.getBody());
        assertTrue(window.getBody().contains("between 2 and 200"), window.getBody());
        APIGatewayV2HTTPResponse stochrsi = function.get("/v1/indicators/" + symbol + "/stochrsi?interval=1d&fastk=10001");
        assertEquals(400, stochrsi.getStatusCode(), stochrsi.getBody());
        assertTrue(stochrsi.getBody().contains("between 1 and 10000"), stochrsi.getBody());
        // window extremes are O(n): far past the old cap of 100
        assertEquals(200, function.get("/v1/indicators/" + symbol + "/stochrsi?interval=1d&fastk=1000").getStatusCode());
        assertEquals(200, function.get("/v1/indicators/" + symbol + "/cci?interval=1d&period=200").getStatusCode());

        String young = TestServices.uniqueSymbol("YNG");
        assertEquals(200, function.putCsv(young, "1d", "time,open,high,low,close,volume\n"
                + "1700006400,10,11,9,10.5,100\n1700092800,10.5,12,10,11,200\n").getStatusCode());
        APIGatewayV2HTTPResponse defaults = function.get("/v1/indicators/" + young + "/sma?interval=1d");
        assertEquals(200, defaults.getStatusCode(), defaults.getBody());
        assertEquals(List.of(), function.body(defaults).get("t"));
        assertEquals(400, function.get("/v1/indicators/" + young + "/sma?interval=1d&period=3").getStatusCode());
        assertEquals(200, function.get("/v1/indicators/" + young + "/sma?interval=1d&period=2").getStatusCode());
    }

    @Test
    void studiesBeyondTaLibAnswerByTheirDefinition() {
        Map<String, Object> body = function.body(function.get("/v1/indicators/" + symbol
                + "/donchian?interval=1d&period=10&limit=5000"));
        List<?> t = (List<?>) body.get("t");
        List<?> upper = (List<?>) ((Map<?, ?>) body.get("series")).get("upper");
        List<?> lower = (List<?>) ((Map<?, ?>) body.get("series")).get("lower");
        assertEquals(DAYS - 9, t.size());
        for (int i = 9; i < DAYS; i++) {
            double highest = Double.NEGATIVE_INFINITY;
            double lowest = Double.POSITIVE_INFINITY;
            for (int j = i - 9; j <= i; j++) {
                highest = Math.max(highest, ohlcv[1][j]);
                lowest = Math.min(lowest, ohlcv[2][j]);
            }
            assertEquals(highest, ((Number) upper.get(i - 9)).doubleValue(), "upper at " + i);
            assertEquals(lowest, ((Number) lower.get(i - 9)).doubleValue(), "lower at " + i);
        }
        for (String study : List.of("hma", "vwma", "keltner")) {
            APIGatewayV2HTTPResponse response = function.get("/v1/indicators/" + symbol + "/" + study + "?interval=1d&limit=3");
            assertEquals(200, response.getStatusCode(), study + ": " + response.getBody());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void ichimokuAndSupertrendAnswerThroughTheHandlerAndTheCatalogue() {
        Map<String, Object> body = function.body(function.get("/v1/indicators/" + symbol
                + "/ichimoku?interval=1d&limit=5000"));
        List<?> t = (List<?>) body.get("t");
        Map<String, List<?>> series = (Map<String, List<?>>) body.get("series");
        assertEquals(List.of("tenkan", "kijun", "senkoua", "senkoub", "chikou"), new ArrayList<>(series.keySet()));
        assertEquals(DAYS - 51, t.size(), "every series from the 52nd candle on, undisplaced");
        assertEquals(times[51], ((Number) t.get(0)).longValue());
        for (int i = 51; i < DAYS; i++) {
            double tenkan = midpoint(i, 9);
            double kijun = midpoint(i, 26);
            assertEquals(tenkan, ((Number) series.get("tenkan").get(i - 51)).doubleValue(), "tenkan at " + i);
            assertEquals(kijun, ((Number) series.get("kijun").get(i - 51)).doubleValue(), "kijun at " + i);
            assertEquals((tenkan + kijun) / 2, ((Number) series.get("senkoua").get(i - 51)).doubleValue(), "A at " + i);
            assertEquals(midpoint(i, 52), ((Number) series.get("senkoub").get(i - 51)).doubleValue(), "B at " + i);
            assertEquals(ohlcv[3][i], ((Number) series.get("chikou").get(i - 51)).doubleValue(), "chikou at " + i);
        }

        APIGatewayV2HTTPResponse response = function.get("/v1/indicators/" + symbol
                + "/supertrend?interval=1d&period=7&multiplier=2.5&limit=5000");
        assertEquals(200, response.getStatusCode(), response.getBody());
        Map<String, Object> st = function.body(response);
        assertEquals(Map.of("period", 7, "multiplier", 2.5), st.get("params"));
        List<?> value = ((Map<String, List<?>>) st.get("series")).get("value");
        List<?> direction = ((Map<String, List<?>>) st.get("series")).get("direction");
        assertEquals(DAYS - 7, value.size());
        int flips = 0;
        for (int i = 0; i < value.size(); i++) {
            int d = ((Number) direction.get(i)).intValue();
            double close = ohlcv[3][i + 7];
            assertTrue(d == 1 ? ((Number) value.get(i)).doubleValue() <= close
                    : ((Number) value.get(i)).doubleValue() >= close, "the line is on the trend's side at " + i);
            flips += i > 0 && d != ((Number) direction.get(i - 1)).intValue() ? 1 : 0;
        }
        assertTrue(flips > 5, "a random walk flips the trend: " + flips);
        assertEquals(200, function.get("/v1/indicators/" + symbol + "/ichimoku?interval=1d&senkou=1200").getStatusCode());
        assertEquals(400, function.get("/v1/indicators/" + symbol + "/ichimoku?interval=1d&senkou=10001").getStatusCode());

        Map<String, Map<String, Object>> byName = new java.util.HashMap<>();
        indicators().forEach(study -> byName.put((String) study.get("name"), study));
        for (String name : List.of("ichimoku", "supertrend")) {
            assertNull(byName.get(name).get("talib"), name);
            assertEquals("overlay", byName.get(name).get("placement"), name);
        }
        assertEquals(Map.of("name", "senkou", "type", "integer", "default", 52, "min", 1, "max", 10_000),
                ((List<?>) byName.get("ichimoku").get("params")).get(2));
        assertEquals(Map.of("name", "multiplier", "type", "real", "default", 3.0, "min", 0.01, "max", 100.0),
                ((List<?>) byName.get("supertrend").get("params")).get(1));
        assertEquals(List.of("value", "direction"), byName.get("supertrend").get("series"));
    }

    /**
     * API.md "How to draw it", checked as a client would: every series of every study has exactly one
     * plot of a known style, offsets name an integer parameter of the study (or are a number), fills
     * join two drawn series, a hidden series colours another, and every level lies within what the
     * study's drawn series reach over the 1,500-day random walk, so no reference line sits off the pane.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everySeriesHasOnePlotAndEveryOffsetAndLevelIsOneAClientCanUse() {
        Map<String, Map<String, Object>> byName = new java.util.LinkedHashMap<>();
        int levelsChecked = 0;
        for (Map<String, Object> study : indicators()) {
            String name = (String) study.get("name");
            byName.put(name, study);
            List<String> seriesNames = (List<String>) study.get("series");
            List<Map<String, Object>> plots = (List<Map<String, Object>>) study.get("plots");
            assertNotNull(plots, name + " has plots");
            assertEquals(seriesNames, plots.stream().map(plot -> plot.get("series")).toList(),
                    name + ": one plot per series, in series order");
            Set<String> integerParams = new HashSet<>();
            for (Map<String, Object> param : (List<Map<String, Object>>) study.get("params")) {
                if ("integer".equals(param.get("type"))) {
                    integerParams.add((String) param.get("name"));
                }
            }
            Set<String> hidden = new HashSet<>();
            Set<String> colouring = new HashSet<>();
            for (Map<String, Object> plot : plots) {
                String style = (String) plot.get("style");
                assertTrue(Set.of("line", "histogram", "markers", "hidden").contains(style), name + ": " + plot);
                assertEquals("pattern".equals(study.get("kind")), "markers".equals(style),
                        name + ": candlestick patterns, and only they, are markers: " + plot);
                Object offset = plot.get("offset");
                if (offset instanceof String named) {
                    String param = named.startsWith("-") ? named.substring(1) : named;
                    assertTrue(integerParams.contains(param), name + ": offset " + named + " names an integer parameter");
                } else {
                    assertTrue(offset == null || offset instanceof Integer, name + ": offset " + offset);
                }
                if ("hidden".equals(style)) {
                    hidden.add((String) plot.get("series"));
                }
                if (plot.get("colorBy") != null) {
                    colouring.add((String) plot.get("colorBy"));
                }
            }
            assertEquals(hidden, colouring, name + ": every hidden series, and only one, colours a drawn plot");
            for (Map<String, Object> fill : (List<Map<String, Object>>) study.getOrDefault("fills", List.of())) {
                List<String> between = (List<String>) fill.get("between");
                assertEquals(2, Set.copyOf(between).size(), name + ": " + fill);
                assertTrue(seriesNames.containsAll(between) && between.stream().noneMatch(hidden::contains),
                        name + ": a fill joins two drawn series: " + fill);
            }
            List<Number> levels = (List<Number>) study.get("levels");
            if (levels == null) {
                continue;
            }
            assertFalse(levels.isEmpty(), name);
            assertEquals("pane", study.get("placement"), name + ": levels are reference lines of a pane");
            Map<String, List<?>> series = (Map<String, List<?>>) function.body(function.get("/v1/indicators/" + symbol
                    + "/" + name + "?interval=1d&limit=5000")).get("series");
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (String drawn : seriesNames) {
                if (hidden.contains(drawn)) {
                    continue;
                }
                for (Object value : series.get(drawn)) {
                    if (value != null) {
                        min = Math.min(min, ((Number) value).doubleValue());
                        max = Math.max(max, ((Number) value).doubleValue());
                    }
                }
            }
            for (Number level : levels) {
                assertTrue(min < level.doubleValue() && level.doubleValue() < max,
                        name + ": level " + level + " within what it reaches, " + min + ".." + max);
            }
            levelsChecked++;
        }
        assertTrue(levelsChecked >= 15, "studies with levels: " + levelsChecked);

        Map<String, List<Number>> usual = Map.of("rsi", List.of(30, 70), "stoch", List.of(20, 80),
                "stochf", List.of(20, 80), "stochrsi", List.of(20, 80), "cci", List.of(-100, 100),
                "willr", List.of(-80, -20), "mfi", List.of(20, 80), "ultosc", List.of(30, 70), "cmo", List.of(-50, 50));
        usual.forEach((name, levels) -> assertEquals(levels, byName.get(name).get("levels"), name));
        for (String macd : List.of("macd", "macdext", "macdfix")) {
            assertEquals(List.of("line", "line", "histogram"), styles(byName.get(macd)), macd);
        }
        assertEquals(List.of("line", "hidden"), styles(byName.get("supertrend")));
        assertEquals("direction", plot(byName.get("supertrend"), "value").get("colorBy"));
        Map<String, Object> ichimoku = byName.get("ichimoku");
        assertNull(plot(ichimoku, "tenkan").get("offset"));
        assertNull(plot(ichimoku, "kijun").get("offset"));
        assertEquals("kijun", plot(ichimoku, "senkoua").get("offset"), "the cloud is drawn kijun candles ahead");
        assertEquals("kijun", plot(ichimoku, "senkoub").get("offset"));
        assertEquals("-kijun", plot(ichimoku, "chikou").get("offset"), "the lagging span kijun candles behind");
        assertEquals(List.of(Map.of("between", List.of("senkoua", "senkoub"))), ichimoku.get("fills"));
        long patterns = byName.keySet().stream().filter(name -> name.startsWith("cdl")).count();
        assertEquals(61, patterns);
        byName.forEach((name, study) -> assertEquals(name.startsWith("cdl"),
                styles(study).equals(List.of("markers")), name + " " + styles(study)));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> styles(Map<String, Object> study) {
        return ((List<Map<String, Object>>) study.get("plots")).stream().map(plot -> plot.get("style")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> plot(Map<String, Object> study, String series) {
        return ((List<Map<String, Object>>) study.get("plots")).stream()
                .filter(plot -> series.equals(plot.get("series"))).findFirst().orElseThrow();
    }

    /** (highest high + lowest low) / 2 of the {@code period} candles ending at {@code i}. */
    private static double midpoint(int i, int period) {
        double highest = Double.NEGATIVE_INFINITY;
        double lowest = Double.POSITIVE_INFINITY;
        for (int j = i - period + 1; j <= i; j++) {
            highest = Math.max(highest, ohlcv[1][j]);
            lowest = Math.min(lowest, ohlcv[2][j]);
        }
        return (highest + lowest) / 2;
    }

    @Test
    void theCostliestHilbertStudiesRefuseAHistoryLongerThanTheirBound() {
        String longer = TestServices.uniqueSymbol("HT");
        function.context.getBean(CandleWriter.class).upsert(longer, Interval.M1,
                TestCandles.randomWalk(longer, Interval.M1, IndicatorType.HT_HISTORY_MAX + 1, 50));
        APIGatewayV2HTTPResponse sine = function.get("/v1/indicators/" + longer + "/ht_sine?interval=1m&limit=5");
        assertEquals(400, sine.getStatusCode(), sine.getBody());
        assertTrue(sine.getBody().contains("\"field\":\"interval\""), sine.getBody());
        assertTrue(sine.getBody().contains("at most " + IndicatorType.HT_HISTORY_MAX + " candles"), sine.getBody());
        assertEquals(200, function.get("/v1/indicators/" + longer + "/ht_dcperiod?interval=1m&limit=5").getStatusCode());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> indicators() {
        APIGatewayV2HTTPResponse response = function.get("/v1/indicators");
        assertEquals(200, response.getStatusCode(), response.getBody());
        List<Map<String, Object>> list = (List<Map<String, Object>>) function.body(response).get("indicators");
        Set<String> names = new HashSet<>();
        list.forEach(study -> assertTrue(names.add((String) study.get("name"))));
        return list;
    }

    /** TA-Lib's function over the whole history with its metadata's defaults, through its generic call. */
    private static double[][] taLibWithDefaults(String talib, MInteger begin) throws Exception {
        CoreMetaData meta = CoreMetaData.getInstance(talib);
        FuncInfo info = meta.getFuncInfo();
        for (int i = 0; i < info.nbInput(); i++) {
            if (meta.getInputParameterInfo(i).type() == InputParameterType.TA_Input_Price) {
                meta.setInputParamPrice(i, ohlcv[0], ohlcv[1], ohlcv[2], ohlcv[3], ohlcv[4], new double[DAYS]);
            } else {
                meta.setInputParamReal(i, ohlcv[3]);
            }
        }
        for (int i = 0; i < info.nbOptInput(); i++) {
            switch (meta.getOptInputParameterInfo(i).type()) {
                case TA_OptInput_IntegerRange ->
                        meta.setOptInputParamInteger(i, meta.getOptInputIntegerRange(i).defaultValue());
                case TA_OptInput_IntegerList -> {
                    var list = meta.getOptInputIntegerList(i);
                    int at = 0;
                    while (list.value()[at] != list.defaultValue()) {
                        at++;
                    }
                    meta.setOptInputParamInteger(i, list.string()[at]);
                }
                case TA_OptInput_RealRange -> meta.setOptInputParamReal(i, meta.getOptInputRealRange(i).defaultValue());
                case TA_OptInput_RealList -> meta.setOptInputParamReal(i, meta.getOptInputRealList(i).defaultValue());
            }
        }
        if (info.nbOptInput() == 0) {
            // CoreMetaData 0.4.0 creates its options array only in a setter, and callFunc needs it
            var options = CoreMetaData.class.getDeclaredField("callOptInputParams");
            options.setAccessible(true);
            options.set(meta, new Object[0]);
        }
        double[][] out = new double[info.nbOutput()][DAYS];
        int[][] integers = new int[info.nbOutput()][];
        for (int i = 0; i < info.nbOutput(); i++) {
            if (meta.getOutputParameterInfo(i).type() == OutputParameterType.TA_Output_Integer) {
                integers[i] = new int[DAYS];
                meta.setOutputParamInteger(i, integers[i]);
            } else {
                meta.setOutputParamReal(i, out[i]);
            }
        }
        MInteger count = new MInteger();
        meta.callFunc(0, DAYS - 1, begin, count);
        for (int i = 0; i < integers.length; i++) {
            if (integers[i] != null) {
                for (int j = 0; j < count.value; j++) {
                    out[i][j] = integers[i][j];
                }
            }
        }
        if (count.value == 0) {
            begin.value = DAYS;
        }
        return out;
    }
}
