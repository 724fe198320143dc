package com.chartfeed.load;

import com.chartfeed.testing.ApiGatewayEvents;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * API Gateway HTTP API (payload 2.0) events, as the gateway hands a request to a function (made
 * by the tests' {@link ApiGatewayEvents}), and the function's proxy response read back as the HTTP
 * answer the gateway would make of it. So a driver can send chart requests through the real
 * handler classes behind the local Lambda Invoke API: the production request path minus the
 * gateway and the Lambda service.
 */
final class HttpApiEvents {
    private HttpApiEvents() {
    }

    /** {@code GET pathAndQuery}. */
    static byte[] get(String pathAndQuery) {
        return ApiGatewayEvents.json("GET", pathAndQuery, Map.of(), null).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code POST path} with a JSON body. */
    static byte[] postJson(String path, byte[] body) {
        return ApiGatewayEvents.json("POST", path, Map.of("Content-Type", "application/json"),
                new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The HTTP answer in an invocation's proxy response ({@code statusCode}, {@code headers},
     * {@code body}), with the invocation's latency; an invocation that failed is returned as it is.
     */
    static Answer answer(Answer invocation) {
        if (invocation.status() != 200 || invocation.body() == null) {
            return invocation;
        }
        int status = 0;
        String xCache = Answer.NO_X_CACHE;
        String etag = null;
        String body = null;
        boolean base64 = false;
        try (JsonParser parser = ChartApi.JSON.createParser(invocation.body())) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "statusCode" -> status = parser.getIntValue();
                    case "body" -> body = parser.getValueAsString();
                    case "isBase64Encoded" -> base64 = parser.getValueAsBoolean();
                    case "headers" -> {
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String name = parser.currentName();
                            parser.nextToken();
                            if (name.equalsIgnoreCase("X-Cache")) {
                                xCache = parser.getText();
                            } else if (name.equalsIgnoreCase("ETag")) {
                                etag = parser.getText();
                            }
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            return new Answer(0, Answer.NO_X_CACHE, null, invocation.nanos(), invocation.body(), "not-a-proxy-response");
        }
        byte[] bytes = body == null ? null
                : base64 ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        return new Answer(status, xCache, etag, invocation.nanos(), bytes, null);
    }
}
