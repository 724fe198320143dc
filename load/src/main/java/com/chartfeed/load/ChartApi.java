package com.chartfeed.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The chartfeed HTTP API as the drivers use it, over one {@link HttpClient} (HTTP/1.1 with
 * keep-alive, as a browser or CDN talks to API Gateway). Every call is bounded by the client
 * timeout; a call that runs into it is an {@link Answer#TIMEOUT}, never a hang of the driver.
 */
public final class ChartApi {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI base;
    private final String adminToken;
    private final Duration timeout;

    public ChartApi(HttpClient http, URI base, String adminToken, Duration timeout) {
        this.http = http;
        this.base = base;
        this.adminToken = adminToken;
        this.timeout = timeout;
    }

    static HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    public URI base() {
        return base;
    }

    /** {@code GET base + pathAndQuery}; the body is read whole (it is part of the latency) and kept only if asked. */
    public Answer get(String pathAndQuery, boolean keepBody, String... headers) {
        HttpRequest.Builder request = request(pathAndQuery).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build(), keepBody);
    }

    public Answer postJson(String path, byte[] body, boolean keepBody) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), keepBody);
    }

    /** {@code PUT /v1/candles/{symbol}/{interval}} with the admin token; the upsert and the invalidation it causes. */
    public Answer putCandles(String symbol, String interval, Candles candles) {
        return send(request("/v1/candles/" + symbol + "/" + interval)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + adminToken)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(candles.toJson())).build(), true);
    }

    /**
     * Lambda's Invoke API of a local server started with {@code LOCAL_LAMBDA_ENDPOINT_ENABLED=true}:
     * the function's handler on {@code event}. A handler's error (header {@code X-Amz-Function-Error})
     * is a failure named {@code function-error}.
     */
    public Answer invokeFunction(String function, byte[] event) {
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request("/2015-03-31/functions/" + function + "/invocations")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(event)).build(), HttpResponse.BodyHandlers.ofByteArray());
            long nanos = System.nanoTime() - start;
            return response.headers().firstValue("X-Amz-Function-Error").isPresent()
                    ? new Answer(0, Answer.NO_X_CACHE, null, nanos, response.body(), "function-error")
                    : answer(response, nanos, true);
        } catch (IOException e) {
            return Answer.failed(failureName(e), System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.failed("interrupted", System.nanoTime() - start);
        }
    }

    /**
     * An API Gateway event (see {@link HttpApiEvents}) through {@code function}'s handler behind
     * the Invoke API, answered as the HTTP response the gateway would make of its proxy response.
     */
    public Answer invokeHttp(String function, byte[] event) {
        return HttpApiEvents.answer(invokeFunction(function, event));
    }

    /** Uploads candles, in several requests if they are more than one may carry; fails on any non-200. */
    public void upload(String symbol, String interval, Candles candles) {
        for (Candles chunk : candles.chunks(Candles.MAX_PER_REQUEST)) {
            Answer answer = putCandles(symbol, interval, chunk);
            if (answer.status() != 200) {
                throw new IllegalStateException("PUT /v1/candles/" + symbol + "/" + interval + " answered "
                        + answer.statusKey() + ": " + text(answer));
            }
        }
    }

    /** {@code DELETE /v1/cache/{symbol}} (admin): the next read of the symbol misses everywhere. */
    public Answer invalidate(String symbol) {
        return send(request("/v1/cache/" + symbol).header("Authorization", "Bearer " + adminToken)
                .DELETE().build(), false);
    }

    /** {@code GET /v1/cache/stats}, parsed. */
    public JsonNode stats() {
        Answer answer = get("/v1/cache/stats", true);
        if (answer.status() != 200) {
            throw new IllegalStateException("GET /v1/cache/stats answered " + answer.statusKey());
        }
        return parse(answer);
    }

    /** This server's {@code loads.databaseReads}: reads of the candle table since it started. */
    public long databaseReads() {
        return stats().path("container").path("loads").path("databaseReads").asLong();
    }

    /**
     * The {@code GET /v1/cache/stats} of a function's own container behind this server's Lambda
     * Invoke API ({@code LOCAL_LAMBDA_ENDPOINT_ENABLED=true}), parsed.
     */
    public JsonNode functionStats(String function) {
        Answer answer = get("/2015-03-31/functions/" + function + "/cache-stats", true);
        if (answer.status() != 200) {
            throw new IllegalStateException(function + " cache-stats answered " + answer.statusKey());
        }
        return parse(answer);
    }

    /** Asynchronous send for open-loop load; completes with an answer, never exceptionally. */
    public CompletableFuture<Answer> sendAsync(String pathAndQuery) {
        long start = System.nanoTime();
        return http.sendAsync(request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofByteArray())
                // Belt and braces: the request timeout covers waiting for the headers, this the body too.
                .orTimeout(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS)
                .handle((response, failure) -> failure == null
                        ? answer(response, System.nanoTime() - start, false)
                        : Answer.failed(failureName(failure), System.nanoTime() - start));
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(timeout);
    }

    private Answer send(HttpRequest request, boolean keepBody) {
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return answer(response, System.nanoTime() - start, keepBody);
        } catch (IOException e) {
            return Answer.failed(failureName(e), System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.failed("interrupted", System.nanoTime() - start);
        }
    }

    private static Answer answer(HttpResponse<byte[]> response, long nanos, boolean keepBody) {
        String xCache = response.headers().firstValue("X-Cache").orElse(Answer.NO_X_CACHE);
        return new Answer(response.statusCode(), xCache, response.headers().firstValue("ETag").orElse(null), nanos,
                keepBody ? response.body() : null, null);
    }

    static String failureName(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return Answer.TIMEOUT;
        }
        return cause.getClass().getSimpleName();
    }

    static JsonNode parse(Answer answer) {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + text(answer), e);
        }
    }

    static String text(Answer answer) {
        if (answer.body() == null) {
            return "(no body)";
        }
        String text = new String(answer.body(), StandardCharsets.UTF_8);
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }

    /** A query string from name/value pairs, in order; values are plain tokens that need no escaping. */
    static String query(Map<String, ?> params) {
        StringBuilder out = new StringBuilder();
        params.forEach((name, value) -> out.append(out.length() == 0 ? '?' : '&').append(name).append('=').append(value));
        return out.toString();
    }
}
