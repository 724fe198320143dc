package com.chartfeed.functions.indicator;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Uploads as real clients send them, through the real handler: media types and the auth scheme in
 * any case, CSV as spreadsheets write it (quotes, a UTF-8 BOM, CRLF, a blank last line), and
 * prices that would make an indicator divide its way to infinity.
 */
class UploadFormatsTest {
    private static final String CSV_HEADER = "time,open,high,low,close,volume";
    private static FunctionHarness<IndicatorFunction> function;

    @BeforeAll
    static void start() {
        function = new FunctionHarness<>(IndicatorFunction::new, Map.of());
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Application/JSON", "application/json; charset=UTF-8", "APPLICATION/JSON"})
    void jsonIsJsonInAnyCase(String contentType) {
        String symbol = TestServices.uniqueSymbol("JSONCT");
        String json = "{\"t\":[1700002800,1700006400],\"o\":[10,10.5],\"h\":[11,12],\"l\":[9,10],\"c\":[10.5,11],"
                + "\"v\":[100,200]}";
        APIGatewayV2HTTPResponse put = put(symbol, Map.of("Content-Type", contentType, "Authorization", bearer()), json);
        assertEquals(200, put.getStatusCode(), put.getBody());
        assertEquals(2, ((Number) function.body(put).get("upserted")).intValue());
        assertEquals(List.of(10.5, 11.0), candles(symbol).get("c"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/CSV; charset=utf-8", "Text/Csv", "text/plain"})
    void csvIsCsvInAnyCase(String contentType) {
        String symbol = TestServices.uniqueSymbol("CSVCT");
        String csv = CSV_HEADER + "\n1700002800,10,11,9,10.5,100\n1700006400,10.5,12,10,11,200\n";
        APIGatewayV2HTTPResponse put = put(symbol, Map.of("Content-Type", contentType, "Authorization", bearer()), csv);
        assertEquals(200, put.getStatusCode(), put.getBody());
        assertEquals(List.of(10.5, 11.0), candles(symbol).get("c"));
    }

    @Test
    void csvAsSpreadsheetsWriteIt() {
        String symbol = TestServices.uniqueSymbol("CSVXL");
        String csv = "\uFEFF\"time\",\"open\",\"high\",\"low\",\"close\",\"volume\"\r\n"
                + "1700002800,\"10\",11,9,\"10.5\",100\r\n"
                + "\"1700006400\", 10.5 ,12,10,11,\"200\"\r\n"
                + "\r\n";
        APIGatewayV2HTTPResponse put = put(symbol, Map.of("Content-Type", "text/csv", "Authorization", bearer()), csv);
        assertEquals(200, put.getStatusCode(), put.getBody());
        Map<String, Object> stored = candles(symbol);
        assertEquals(List.of(1700002800, 1700006400), stored.get("t"));
        assertEquals(List.of(10.0, 10.5), stored.get("o"));
        assertEquals(List.of(10.5, 11.0), stored.get("c"));
        assertEquals(List.of(100.0, 200.0), stored.get("v"));
    }

    @Test
    void csvErrorsStillNameTheLineAfterQuotesAndCrlf() {
        String symbol = TestServices.uniqueSymbol("CSVERR");
        String csv = "\uFEFF" + CSV_HEADER + "\r\n1700002800,10,11,9,10.5,100\r\n1700006400,\"ten\",12,10,11,200\r\n";
        assertProblem(put(symbol, Map.of("Content-Type", "text/csv", "Authorization", bearer()), csv), 400,
                "open (line 3)");
        String blankInside = CSV_HEADER + "\r\n\r\n1700002800,10,11,9,10.5,100\n\n\n1700006400,10,\"1\n2\",10,11,200\n"
                + "1700010000,10,12,10,\"x\",200\n";
        assertProblem(put(symbol, Map.of("Content-Type", "text/csv", "Authorization", bearer()), blankInside), 400,
                "high (line 6)");
        assertProblem(put(symbol, Map.of("Content-Type", "text/csv", "Authorization", bearer()), blankInside), 400,
                "close (line 8)");
        String unclosed = CSV_HEADER + "\n1700002800,\"10,11,9,10.5,100\n";
        APIGatewayV2HTTPResponse bad = put(symbol, Map.of("Content-Type", "text/csv", "Authorization", bearer()),
                unclosed);
        assertProblem(bad, 400, "body");
        assertTrue(bad.getBody().contains("(line 2)"), bad.getBody());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearer ", "BEARER ", "Bearer  "})
    void theBearerSchemeInAnyCase(String scheme) {
        String symbol = TestServices.uniqueSymbol("BEARER");
        String csv = CSV_HEADER + "\n1700002800,10,11,9,10.5,100\n";
        APIGatewayV2HTTPResponse put = put(symbol, Map.of("Content-Type", "text/csv",
                "authorization", scheme + TestServices.ADMIN_TOKEN), csv);
        assertEquals(200, put.getStatusCode(), put.getBody());
        assertEquals(401, put(symbol, Map.of("Content-Type", "text/csv", "authorization", scheme + "nope"), csv)
                .getStatusCode());
    }

    @Test
    void aPriceTooSmallForTheKernelsToDivideByIsRejected() {
        String symbol = TestServices.uniqueSymbol("TINY");
        assertProblem(put(symbol, Map.of("Content-Type", "text/csv", "Authorization", bearer()),
                CSV_HEADER + "\n1700002800,1e-300,1,1e-300,1,100\n"), 400, "open (line 2)");
        assertProblem(put(symbol, Map.of("Content-Type", "application/json", "Authorization", bearer()),
                "{\"t\":[1700002800],\"o\":[1],\"h\":[1],\"l\":[0],\"c\":[1],\"v\":[1]}"), 400, "l[0]");
    }

    @Test
    void theExtremesAllowedStillGiveOnlyNumbers() {
        String symbol = TestServices.uniqueSymbol("EXTREME");
        StringBuilder csv = new StringBuilder(CSV_HEADER + "\n");
        for (int i = 0; i < 40; i++) {
            String price = i % 2 == 0 ? "1e-8" : "1e12";
            csv.append(1_700_002_800L + i * 3_600L).append(',').append(price).append(',').append(price).append(',')
                    .append(price).append(',').append(price).append(",1e15\n");
        }
        assertEquals(200, put(symbol, Map.of("Content-Type", "text/csv", "Authorization", bearer()), csv.toString())
                .getStatusCode());
        for (String indicator : List.of("roc", "natr", "rsi", "cci", "willr", "stoch", "mfi", "adx", "vwap", "obv",
                "bbands", "kama", "macd")) {
            assertOnlyNumbersOrNull(function.get("/v1/indicators/" + symbol + "/" + indicator + "?interval=1h"));
        }
    }

    /** Rows stored before prices had a lower bound (or by another writer) must not break the JSON. */
    @Test
    void aStoredPriceThatDividesToInfinityIsWrittenAsNull() throws SQLException {
        String symbol = TestServices.uniqueSymbol("LEGACY");
        StringBuilder csv = new StringBuilder(CSV_HEADER + "\n");
        for (int i = 0; i < 30; i++) {
            csv.append(1_700_002_800L + i * 3_600L).append(",1e9,1e9,1e9,1e9,100\n");
        }
        assertEquals(200, put(symbol, Map.of("Content-Type", "text/csv", "Authorization", bearer()), csv.toString())
                .getStatusCode());
        Map<String, Object> postgres = TestServices.postgres();
        try (Connection connection = DriverManager.getConnection(TestServices.postgresUrl(),
                postgres.get("datasources.default.username").toString(),
                postgres.get("datasources.default.password").toString());
             PreparedStatement update = connection.prepareStatement("UPDATE candles SET o = 1e-300, l = 1e-300, "
                     + "c = 1e-300 WHERE symbol_id = (SELECT id FROM symbols WHERE symbol = ?) AND ts = ?")) {
            update.setString(1, symbol);
            update.setLong(2, 1_700_002_800L + 5 * 3_600L);
            assertEquals(1, update.executeUpdate());
        }
        APIGatewayV2HTTPResponse roc = function.get("/v1/indicators/" + symbol + "/roc?interval=1h&period=10");
        assertOnlyNumbersOrNull(roc);
        List<?> values = (List<?>) ((Map<?, ?>) function.body(roc).get("series")).get("value");
        assertTrue(values.contains(null), "1e9 / 1e-300 overflows; written as null: " + roc.getBody());
    }

    private static void assertOnlyNumbersOrNull(APIGatewayV2HTTPResponse response) {
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertFalse(response.getBody().contains("Infinity") || response.getBody().contains("NaN"), response.getBody());
        Map<?, ?> series = (Map<?, ?>) function.body(response).get("series");
        for (Object column : series.values()) {
            for (Object value : (List<?>) column) {
                assertTrue(value == null || value instanceof Number, () -> "not a number: " + value + " in "
                        + response.getBody());
            }
        }
    }

    private static Map<String, Object> candles(String symbol) {
        APIGatewayV2HTTPResponse response = function.get("/v1/candles/" + symbol + "?interval=1h");
        assertEquals(200, response.getStatusCode(), response.getBody());
        return function.body(response);
    }

    private static APIGatewayV2HTTPResponse put(String symbol, Map<String, String> headers, String body) {
        return function.invoke("PUT", "/v1/candles/" + symbol + "/1h", headers, body);
    }

    private static String bearer() {
        return "Bearer " + TestServices.ADMIN_TOKEN;
    }

    private static void assertProblem(APIGatewayV2HTTPResponse response, int status, String field) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", FunctionHarness.header(response, "Content-Type"));
        List<?> errors = (List<?>) function.body(response).get("errors");
        assertTrue(errors != null && errors.stream().anyMatch(e -> field.equals(((Map<?, ?>) e).get("field"))),
                () -> "no error names " + field + ": " + response.getBody());
    }
}
