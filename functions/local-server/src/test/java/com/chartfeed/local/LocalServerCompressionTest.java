package com.chartfeed.local;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local server gzips like the Lambda handlers: over real HTTP, with a client that does not
 * decompress by itself, a large answer comes gzipped to a client that accepts it and as it is to
 * one that does not; small answers never; {@code Vary: Accept-Encoding} on all.
 */
@MicronautTest
@Property(name = "micronaut.server.port", value = "-1")
class LocalServerCompressionTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;

    @Test
    void largeAnswersAreGzippedForClientsThatAcceptIt() throws Exception {
        String path = "/v1/indicators/aapl/rsi?interval=1h&limit=500";
        HttpResponse<byte[]> plain = get(path, null);
        HttpResponse<byte[]> gzipped = get(path, "gzip, deflate");
        assertEquals(200, gzipped.statusCode());
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null));
        assertTrue(gzipped.headers().allValues("Vary").toString().contains("Accept-Encoding"),
                gzipped.headers().map().toString());
        assertEquals(new String(plain.body(), StandardCharsets.UTF_8), gunzip(gzipped.body()));
        assertTrue(gzipped.body().length * 2 < plain.body().length);

        assertFalse(plain.headers().firstValue("Content-Encoding").isPresent());
        assertTrue(plain.headers().allValues("Vary").toString().contains("Accept-Encoding"));
        assertTrue(new String(plain.body(), StandardCharsets.UTF_8).startsWith("{\"symbol\":\"AAPL\""));

        HttpResponse<byte[]> small = get("/v1/indicators/aapl/rsi?interval=1h&limit=3", "gzip");
        assertFalse(small.headers().firstValue("Content-Encoding").isPresent());
        assertTrue(small.body().length < 1024);
    }

    private HttpResponse<byte[]> get(String path, String acceptEncoding) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path));
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String gunzip(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
