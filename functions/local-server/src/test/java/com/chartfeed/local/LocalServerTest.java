package com.chartfeed.local;

import com.chartfeed.api.CandleUpload;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorType;
import com.chartfeed.indicators.PriceSource;
import com.chartfeed.indicators.TaLibOracle;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Quick start's server: embedded H2 with sample candles (application-local.yml), the whole API over real HTTP. */
@MicronautTest(environments = LocalEnvironment.NAME)
@Property(name = "admin.token", value = LocalServerTest.TOKEN)
// A free port: application.yml's 8080 may be taken (a Quick start server left running, another build).
@Property(name = "micronaut.server.port", value = "-1")
class LocalServerTest {
    static final String TOKEN = "local-test-token";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    CandleUpload upload;

    @Inject
    EmbeddedServer server;

    @Test
    void sampleCandlesAreServed() {
        Map<String, Object> body = http.toBlocking().retrieve(HttpRequest.GET("/v1/candles/aapl?interval=1d&limit=5000"),
                Argument.mapOf(String.class, Object.class));
        assertEquals("AAPL", body.get("symbol"));
        assertEquals(2_000, ((List<?>) body.get("t")).size());
    }

    /**
     * Every sample series (loaded concurrently, one upload each) is there whole and is exactly what
     * the generator makes: a series lost, cut short or written under another's key would show here.
     */
    @Test
    void everySampleSeriesIsServedAsGenerated() {
        for (SampleCandles.Market market : SampleDataLoader.MARKETS) {
            Map<Interval, CandleColumns> generated = SampleCandles.generate(market, SampleDataLoader.CANDLES_PER_SERIES);
            for (Interval interval : Interval.values()) {
                CandleColumns expected = generated.get(interval);
                Map<String, Object> body = http.toBlocking().retrieve(
                        HttpRequest.GET("/v1/candles/" + market.symbol() + "?interval=" + interval.code() + "&limit=5000"),
                        Argument.mapOf(String.class, Object.class));
                String series = market.symbol() + " " + interval.code();
                assertEquals(longs(expected.t()), numbers(body.get("t")).stream().map(Number::longValue).toList(), series);
                assertEquals(doubles(expected.c()), numbers(body.get("c")).stream().map(Number::doubleValue).toList(),
                        series);
                assertEquals(doubles(expected.v()), numbers(body.get("v")).stream().map(Number::doubleValue).toList(),
                        series);
            }
        }
    }

    private static List<Number> numbers(Object json) {
        return ((List<?>) json).stream().map(Number.class::cast).toList();
    }

    private static List<Long> longs(long[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static List<Double> doubles(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    @Test
    void aCsvPutIntoItIsServedWithTaLibValues() {
        StringBuilder csv = new StringBuilder("time,open,high,low,close,volume\n");
        long t = 1_700_006_400L;
        double price = 50;
        for (int i = 0; i < 400; i++, t += 3_600) {
            double close = price + Math.sin(i / 7.0) * 2 + (i % 5) * 0.3;
            csv.append(t).append(',').append(price).append(',').append(Math.max(price, close) + 1).append(',')
                    .append(Math.min(price, close) - 1).append(',').append(close).append(',').append(100 + i)
                    .append('\n');
            price = close;
        }
        HttpResponse<Map> put = http.toBlocking().exchange(HttpRequest.PUT("/v1/candles/demo/1h", csv.toString())
                .contentType(MediaType.of("text/csv")).bearerAuth(TOKEN), Map.class);
        assertEquals(200, put.getStatus().getCode());

        Map<String, Object> body = http.toBlocking().retrieve(
                HttpRequest.GET("/v1/indicators/DEMO/macd?interval=1h&limit=20"), Argument.mapOf(String.class, Object.class));
        CandleColumns candles = upload.fromCsv(csv.toString().getBytes(StandardCharsets.UTF_8), Interval.H1);
        double[][] expected = TaLibOracle.compute(new IndicatorParams(IndicatorType.MACD, new double[] {12, 26, 9},
                PriceSource.CLOSE), candles);
        List<?> macd = (List<?>) ((Map<?, ?>) body.get("series")).get("macd");
        assertEquals(20, macd.size());
        for (int k = 0; k < 20; k++) {
            double want = expected[0][candles.size() - 20 + k];
            double got = ((Number) macd.get(k)).doubleValue();
            assertTrue(TaLibOracle.close(got, want), "macd " + k + ": " + got + " vs " + want);
        }
    }

    /**
     * What {@code curl --data-binary @candles.csv} sends without {@code -H 'Content-Type: ...'}:
     * {@code application/x-www-form-urlencoded}, the CSV bytes untouched. Read as CSV.
     */
    @Test
    void curlsDefaultContentTypeIsReadAsCsv() throws Exception {
        String csv = "time,open,high,low,close,volume\n1700006400,10,11,9,10.5,100\n1700010000,10.5,12,10,11,200\n";
        // The JDK's client, which sends the bytes as they are: Micronaut's would encode a form.
        java.net.http.HttpResponse<String> put = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/v1/candles/curlform/1h"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", "Bearer " + TOKEN)
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(csv))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        assertTrue(put.body().contains("\"upserted\":2"), put.body());

        Map<String, Object> candles = http.toBlocking().retrieve(HttpRequest.GET("/v1/candles/CURLFORM?interval=1h"),
                Argument.mapOf(String.class, Object.class));
        assertEquals(List.of(10.5, 11.0), candles.get("c"));
    }

    @Test
    void errorsAreProblemJson() {
        HttpClientResponseException error = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().retrieve(HttpRequest.GET("/v1/indicators/aapl/rsi?interval=3h")));
        assertEquals(400, error.getStatus().getCode());
        assertEquals("application/problem+json", error.getResponse().getContentType().orElseThrow().toString());
    }

    /**
     * No management endpoints (micronaut-flyway would bring them; shared/pom.xml leaves them
     * out): {@code /health} and the others are unknown routes, not a bare {@code {"status":"UP"}}
     * or a 401 with an empty body.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/v1/nothing-here", "/health", "/routes", "/flyway", "/beans", "/loggers"})
    void managementEndpointsAreUnknownRoutes(String path) {
        HttpClientResponseException error = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET(path), String.class));
        assertEquals(404, error.getStatus().getCode());
        assertEquals("application/problem+json", error.getResponse().getContentType().orElseThrow().toString());
        assertTrue(error.getResponse().getBody(String.class).orElseThrow().contains("\"status\":404"),
                error.getResponse().getBody(String.class).orElse(""));
    }

    /** The API's OpenAPI document and the page rendering it, on the local server as behind API Gateway. */
    @Test
    void theOpenApiDocumentAndItsPageAreServed() {
        HttpResponse<String> document = http.toBlocking().exchange(HttpRequest.GET("/openapi.yml"), String.class);
        assertEquals("application/yaml", document.getContentType().orElseThrow().getName());
        assertTrue(document.body().startsWith("openapi: 3.1.0"), document.body().substring(0, 40));
        assertTrue(document.body().contains("/v1/indicators/{symbol}/{indicator}:")
                && document.body().contains("/v1/indicators/batch:") && document.body().contains("/v1/cache/stats:"));
        String page = http.toBlocking().retrieve("/api-docs");
        assertTrue(page.contains("/api-docs/swagger-ui-bundle-5.36.0.js") && page.contains("/api-docs/api-docs.js"), page);
        assertTrue(http.toBlocking().retrieve("/api-docs/api-docs.js").contains("'/openapi.yml'"));
    }
}
