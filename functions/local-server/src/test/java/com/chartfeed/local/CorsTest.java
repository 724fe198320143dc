package com.chartfeed.local;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CORS on the local server, as a browser does it: the origins of {@code CORS_ALLOWED_ORIGINS}
 * (here set as its property) pass a preflight and may read the cache headers; others are refused.
 */
class CorsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CANDLES = "/v1/candles/aapl?interval=1d&limit=3";

    @Test
    void allowedOriginsPassAndReadTheCacheHeadersOthersAreRefused() throws Exception {
        try (ApplicationContext context = start("http://localhost:3000,https://charts.example")) {
            String base = base(context);

            HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create(base + CANDLES))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://charts.example")
                    .header("Access-Control-Request-Method", "GET")
                    .header("Access-Control-Request-Headers", "if-none-match"));
            assertEquals(200, preflight.statusCode());
            assertEquals("https://charts.example", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("if-none-match"));

            HttpResponse<String> allowed = get(base, "http://localhost:3000");
            assertEquals(200, allowed.statusCode());
            assertEquals("http://localhost:3000", allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            assertEquals(List.of("ETag", "Server-Timing", "X-Cache"), exposed(allowed));
            assertTrue(allowed.headers().firstValue("Access-Control-Allow-Credentials").isEmpty());

            HttpResponse<String> other = get(base, "http://evil.example");
            assertEquals(403, other.statusCode());
            assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty());

            HttpResponse<String> sameOrigin = send(HttpRequest.newBuilder(URI.create(base + CANDLES)));
            assertEquals(200, sameOrigin.statusCode(), "a request without Origin (curl, the page itself)");
        }
    }

    @Test
    void unsetAllowsNoOtherOrigin() throws Exception {
        try (ApplicationContext context = start("")) {
            String base = base(context);
            // Micronaut lets a localhost origin through to a localhost server, but without the header
            // a browser needs to hand the answer to the page.
            HttpResponse<String> local = get(base, "http://localhost:3000");
            assertTrue(local.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), local.headers().toString());
            HttpResponse<String> remote = get(base, "https://charts.example");
            assertEquals(403, remote.statusCode());
            assertTrue(remote.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
            assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + CANDLES))).statusCode());
        }
    }

    private static ApplicationContext start(String origins) {
        return ApplicationContext.run(EmbeddedServer.class, Map.of("micronaut.server.port", -1,
                "CORS_ALLOWED_ORIGINS", origins), LocalServer.ENVIRONMENT, LocalEnvironment.NAME).getApplicationContext();
    }

    private static String base(ApplicationContext context) {
        return "http://localhost:" + context.getBean(EmbeddedServer.class).getPort();
    }

    private static HttpResponse<String> get(String base, String origin) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + CANDLES)).header("Origin", origin));
    }

    private static List<String> exposed(HttpResponse<String> response) {
        return response.headers().allValues("Access-Control-Expose-Headers").stream()
                .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .map(String::trim).sorted().toList();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
