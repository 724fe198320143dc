package com.chartfeed.functions.batch;

import com.chartfeed.candles.Interval;
import com.chartfeed.service.CandleWriter;
import com.chartfeed.testing.EmfRecords;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.TestServices;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static com.chartfeed.testing.EmfRecords.value;
import static com.chartfeed.testing.FunctionHarness.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A 10-item batch through the real handler: its EMF record counts the items, and its answer is gzipped when asked. */
class BatchMetricsAndCompressionTest {
    private static final List<String> INDICATORS = List.of("sma", "ema", "rsi", "macd", "bbands", "atr", "adx", "cci",
            "stoch", "obv");
    private static FunctionHarness<BatchFunction> function;

    @BeforeAll
    static void start() {
        function = new FunctionHarness<>(BatchFunction::new, Map.of());
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    @Test
    void aTenItemBatchIsOneRecordWithItsSizeAndIsGzippedWhenAccepted() throws IOException {
        String symbol = TestServices.uniqueSymbol("BGZ");
        function.context.getBean(CandleWriter.class).upsert(symbol, Interval.H1,
                TestCandles.randomWalk(symbol, Interval.H1, 1_000, 40));
        List<String> items = new ArrayList<>();
        for (String indicator : INDICATORS) {
            items.add("{\"symbol\":\"" + symbol + "\",\"indicator\":\"" + indicator + "\",\"interval\":\"1h\",\"limit\":500}");
        }
        String batch = "{\"requests\":[" + String.join(",", items) + "]}";

        EmfRecords.Captured<APIGatewayV2HTTPResponse> first = EmfRecords.capture(() -> function.invoke("POST",
                "/v1/indicators/batch", Map.of("content-type", "application/json"), batch));
        assertEquals(200, first.result().getStatusCode());
        assertNull(header(first.result(), "Content-Encoding"));
        Map<String, Object> record = first.only();
        assertEquals("batch", record.get("Function"));
        assertEquals(10.0, value(record, "BatchSize"));
        // Ten series computed here (and their candles looked up by each, read from the database once).
        assertTrue(value(record, "CacheMiss") >= 10, record.toString());
        assertEquals(0.0, value(record, "CacheHitL2"));
        assertEquals(1.0, value(record, "DatabaseReads"));

        EmfRecords.Captured<APIGatewayV2HTTPResponse> second = EmfRecords.capture(() -> function.invoke("POST",
                "/v1/indicators/batch", Map.of("content-type", "application/json", "accept-encoding", "gzip"), batch));
        APIGatewayV2HTTPResponse gzipped = second.result();
        assertEquals("gzip", header(gzipped, "Content-Encoding"));
        assertTrue(gzipped.getIsBase64Encoded());
        assertEquals(10.0, value(second.only(), "CacheHitL1"));
        byte[] wire = Base64.getDecoder().decode(gzipped.getBody());
        String decoded;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(wire))) {
            decoded = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // The same results; only meta (hits, duration) tells the two answers apart.
        JsonMapper json = function.context.getBean(JsonMapper.class);
        Map<String, Object> plainBody = json.readValue(first.result().getBody(), Argument.mapOf(String.class, Object.class));
        Map<String, Object> gzippedBody = json.readValue(decoded, Argument.mapOf(String.class, Object.class));
        assertEquals(plainBody.get("results"), gzippedBody.get("results"));
        assertTrue(wire.length * 3 < first.result().getBody().length() * 2, wire.length + " vs " + first.result().getBody().length());
    }
}
