package com.chartfeed.functions.indicator;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.TestCandles;
import com.chartfeed.testing.Csv;
import com.chartfeed.testing.FunctionHarness;
import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static com.chartfeed.testing.FunctionHarness.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * API Gateway HTTP APIs pass bodies through as the function answers them, so the handler gzips
 * large answers itself for clients that accept it; here through the real handler, with real
 * API Gateway events carrying {@code accept-encoding}.
 */
class CompressionTest {
    private static final Map<String, String> GZIP = Map.of("accept-encoding", "gzip, deflate, br");
    private static FunctionHarness<IndicatorFunction> container;
    private static String symbol;

    @BeforeAll
    static void start() {
        container = new FunctionHarness<>(IndicatorFunction::new, Map.of());
        symbol = TestServices.uniqueSymbol("GZ");
        assertEquals(200, container.putCsv(symbol, "1h", Csv.of(TestCandles.randomWalk(symbol, Interval.H1, 600, 100)))
                .getStatusCode());
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    @Test
    void aLargeAnswerIsGzippedForAClientThatAcceptsIt() {
        String path = "/v1/indicators/" + symbol + "/rsi?interval=1h&limit=500";
        APIGatewayV2HTTPResponse plain = container.get(path);
        APIGatewayV2HTTPResponse gzipped = container.get(path, GZIP);

        assertEquals(200, gzipped.getStatusCode());
        assertEquals("gzip", header(gzipped, "Content-Encoding"));
        assertTrue(header(gzipped, "Vary").contains("Accept-Encoding"), gzipped.getHeaders().toString());
        assertTrue(gzipped.getIsBase64Encoded());
        byte[] wire = Base64.getDecoder().decode(gzipped.getBody());
        assertEquals(plain.getBody(), gunzip(wire));
        assertTrue(wire.length * 3 < plain.getBody().length() * 2, wire.length + " vs " + plain.getBody().length());
        assertEquals(header(plain, "ETag"), header(gzipped, "ETag"));
        assertEquals(header(plain, "Content-Type"), header(gzipped, "Content-Type"));
        assertNull(header(gzipped, "Content-Length"));

        // Without Accept-Encoding, or refusing gzip: the body as it is, saying it could have varied.
        assertNull(header(plain, "Content-Encoding"));
        assertFalse(plain.getIsBase64Encoded());
        assertTrue(header(plain, "Vary").contains("Accept-Encoding"));
        APIGatewayV2HTTPResponse refused = container.get(path, Map.of("accept-encoding", "gzip;q=0, identity"));
        assertNull(header(refused, "Content-Encoding"));
        assertEquals(plain.getBody(), refused.getBody());
        assertEquals("gzip", header(container.get(path, Map.of("accept-encoding", "*")), "Content-Encoding"));
    }

    @Test
    void aSmallAnswerIsSentAsItIs() {
        APIGatewayV2HTTPResponse small = container.get("/v1/indicators/" + symbol + "/rsi?interval=1h&limit=3", GZIP);
        assertEquals(200, small.getStatusCode());
        assertTrue(small.getBody().length() < 1024, small.getBody());
        assertNull(header(small, "Content-Encoding"));
        assertFalse(small.getIsBase64Encoded());
        assertTrue(small.getBody().startsWith("{\"symbol\""), small.getBody());
    }

    @Test
    void etagsStillAnswer304AndErrorsStayProblemJson() {
        String path = "/v1/indicators/" + symbol + "/ema?interval=1h&limit=500";
        APIGatewayV2HTTPResponse full = container.get(path, GZIP);
        assertEquals("gzip", header(full, "Content-Encoding"));
        APIGatewayV2HTTPResponse notModified = container.get(path, Map.of("accept-encoding", "gzip",
                "if-none-match", header(full, "ETag")));
        assertEquals(304, notModified.getStatusCode());
        assertNull(header(notModified, "Content-Encoding"));
        assertTrue(notModified.getBody() == null || notModified.getBody().isEmpty());

        APIGatewayV2HTTPResponse bad = container.get("/v1/indicators/" + symbol + "/rsi?interval=1h&period=1", GZIP);
        assertEquals(400, bad.getStatusCode());
        assertEquals("application/problem+json", header(bad, "Content-Type"));
        assertTrue(bad.getBody().contains("\"period: must be"), bad.getBody());
    }

    @Test
    void problemJsonAboveTheThresholdIsGzippedToo() {
        try (FunctionHarness<IndicatorFunction> low = new FunctionHarness<>(IndicatorFunction::new,
                Map.of("responses.gzip-threshold", "64"))) {
            APIGatewayV2HTTPResponse bad = low.get("/v1/indicators/" + symbol + "/rsi?interval=1h&period=1", GZIP);
            assertEquals(400, bad.getStatusCode());
            assertEquals("gzip", header(bad, "Content-Encoding"));
            assertEquals("application/problem+json", header(bad, "Content-Type"));
            assertTrue(gunzip(Base64.getDecoder().decode(bad.getBody())).contains("\"period: must be"));
        }
    }

    static String gunzip(byte[] gzip) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
