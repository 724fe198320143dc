package com.chartfeed.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The API Gateway events under {@code src/test/resources/events/aws/}: written after AWS's own
 * sample events, with every field API Gateway sends (cookies, comma-joined headers and query
 * values beside the {@code rawQueryString}, base64 bodies, the IAM and JWT authorizer contexts,
 * client certificates, stage variables), and the payload 1.0 events of a REST API and of an HTTP
 * API integration set to format 1.0. Each names the symbol {@value #SAMPLE_SYMBOL} (in a base64 body
 * too) and admin events the token {@value #TOKEN_PLACEHOLDER}, replaced here so that each test has
 * its own symbol.
 */
public final class AwsHttpEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String SAMPLE_SYMBOL = "AAPL";
    public static final String TOKEN_PLACEHOLDER = "ADMIN-TOKEN";

    private AwsHttpEvents() {
    }

    /** The event file's JSON with the symbol and admin token replaced. */
    public static String json(String file, String symbol) {
        String text;
        try (InputStream in = AwsHttpEvents.class.getResourceAsStream("/events/aws/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no event file events/aws/" + file);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return base64Body(text.replace(SAMPLE_SYMBOL, symbol).replace(TOKEN_PLACEHOLDER, TestServices.ADMIN_TOKEN),
                symbol);
    }

    /** The symbol replaced inside a base64 body too, and {@code content-length} kept true to the body. */
    private static String base64Body(String json, String symbol) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(json);
            if (!event.path("isBase64Encoded").asBoolean() || !event.hasNonNull("body")) {
                return json;
            }
            byte[] body = new String(Base64.getDecoder().decode(event.get("body").asText()), StandardCharsets.UTF_8)
                    .replace(SAMPLE_SYMBOL, symbol).getBytes(StandardCharsets.UTF_8);
            event.put("body", Base64.getEncoder().encodeToString(body));
            if (event.path("headers").has("content-length")) {
                ((ObjectNode) event.get("headers")).put("content-length", Integer.toString(body.length));
            }
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same, deserialised by AWS's own Lambda event serializer as the runtime does. */
    public static APIGatewayV2HTTPEvent event(String file, String symbol) {
        return ApiGatewayEvents.fromJson(json(file, symbol));
    }
}
