package com.chartfeed.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds API Gateway HTTP API (payload 2.0) events as the Lambda runtime delivers them: a real
 * event JSON with method, path, query, headers and body filled in, deserialised by AWS's own
 * Lambda event serializer.
 *
 * <p>The load drivers send the same events through the local Invoke API ({@link #json} only), so
 * it is written with plain Jackson and shaded into their jar.
 */
public final class ApiGatewayEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiGatewayEvents() {
    }

    /** {@code method} on {@code pathAndQuery} (e.g. {@code /v1/indicators/AAPL/rsi?interval=1h}). */
    public static APIGatewayV2HTTPEvent request(String method, String pathAndQuery, Map<String, String> headers,
                                                String body) {
        return fromJson(json(method, pathAndQuery, headers, body));
    }

    public static APIGatewayV2HTTPEvent get(String pathAndQuery) {
        return request("GET", pathAndQuery, Map.of(), null);
    }

    /** The event as JSON text, exactly what {@code sam local invoke -e} would take. */
    @SuppressWarnings("unchecked")
    public static String json(String method, String pathAndQuery, Map<String, String> headers, String body) {
        Map<String, Object> event = template();
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        event.put("rawPath", path);
        event.put("rawQueryString", query);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            // API Gateway joins repeated parameters with commas.
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        if (parameters.isEmpty()) {
            event.remove("queryStringParameters");
        } else {
            event.put("queryStringParameters", parameters);
        }
        Map<String, Object> allHeaders = (Map<String, Object>) event.get("headers");
        headers.forEach((name, value) -> allHeaders.put(name.toLowerCase(), value));
        Map<String, Object> http = (Map<String, Object>) ((Map<String, Object>) event.get("requestContext")).get("http");
        http.put("method", method);
        http.put("path", path);
        String routeKey = method + " " + path;
        event.put("routeKey", routeKey);
        ((Map<String, Object>) event.get("requestContext")).put("routeKey", routeKey);
        event.remove("pathParameters");
        if (body != null) {
            event.put("body", body);
        }
        try {
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static APIGatewayV2HTTPEvent fromJson(String json) {
        return LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class,
                ApiGatewayEvents.class.getClassLoader()).fromJson(json);
    }

    /** Percent-encodes a query value. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, Object> template() {
        try (InputStream in = ApiGatewayEvents.class.getResourceAsStream("/events/apigateway-v2-http.json")) {
            return JSON.readValue(in, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

}
