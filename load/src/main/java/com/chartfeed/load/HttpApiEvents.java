package com.chartfeed.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * API Gateway HTTP API (payload 2.0) events, as the gateway hands a request to a function, and
 * the function's proxy response read back as the HTTP answer the gateway would make of it. So a
 * driver can send chart requests through the real handler classes behind the local Lambda
 * Invoke API: the production request path minus the gateway and the Lambda service.
 */
final class HttpApiEvents {
    private HttpApiEvents() {
    }

    /** {@code GET pathAndQuery}. */
    static byte[] get(String pathAndQuery) {
        return event("GET", pathAndQuery, null);
    }

    /** {@code POST path} with a JSON body. */
    static byte[] postJson(String path, byte[] body) {
        return event("POST", path, body);
    }

    private static byte[] event(String method, String pathAndQuery, byte[] body) {
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        ObjectNode event = ChartApi.JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", path);
        event.put("rawQueryString", question < 0 ? "" : pathAndQuery.substring(question + 1));
        if (question >= 0) {
            // The gateway sends both forms; the proxy reads this one (values here need no decoding).
            ObjectNode parameters = event.putObject("queryStringParameters");
            for (String pair : pathAndQuery.substring(question + 1).split("&")) {
                int equals = pair.indexOf('=');
                parameters.put(equals < 0 ? pair : pair.substring(0, equals), equals < 0 ? "" : pair.substring(equals + 1));
            }
        }
        ObjectNode headers = event.putObject("headers");
        headers.put("accept", "application/json");
        headers.put("host", "localhost");
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("stage", "$default");
        context.put("requestId", "load");
        context.put("timeEpoch", System.currentTimeMillis());
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "127.0.0.1");
        http.put("userAgent", "chartfeed-load");
        if (body != null) {
            event.put("body", new String(body, StandardCharsets.UTF_8));
        }
        event.put("isBase64Encoded", false);
        try {
            return ChartApi.JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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
