package com.chartfeed.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.lambda.LocalLambdaContext;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Function;

/**
 * A real Lambda handler class on its own application context (one "container"), invoked with
 * API Gateway HTTP API events as the Lambda runtime would.
 */
public final class FunctionHarness<F extends APIGatewayV2HTTPEventFunction> implements AutoCloseable {
    public final ApplicationContext context;
    public final F handler;
    private final JsonMapper json;

    /** A container on the test PostgreSQL, with {@code properties} on top. */
    public FunctionHarness(Function<ApplicationContext, F> newHandler, Map<String, Object> properties) {
        this(TestServices.startOnPostgres(properties), newHandler);
    }

    public FunctionHarness(ApplicationContext context, Function<ApplicationContext, F> newHandler) {
        this.context = context;
        this.handler = newHandler.apply(context);
        this.json = context.getBean(JsonMapper.class);
    }

    public APIGatewayV2HTTPResponse get(String pathAndQuery) {
        return invoke("GET", pathAndQuery, Map.of(), null);
    }

    public APIGatewayV2HTTPResponse get(String pathAndQuery, Map<String, String> headers) {
        return invoke("GET", pathAndQuery, headers, null);
    }

    public APIGatewayV2HTTPResponse invoke(String method, String pathAndQuery, Map<String, String> headers,
                                           String body) {
        return invoke(ApiGatewayEvents.request(method, pathAndQuery, headers, body));
    }

    /** An event as the Lambda runtime hands it over. */
    public APIGatewayV2HTTPResponse invoke(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, new LocalLambdaContext("test", 10_000));
    }

    /** An admin request with the test token. */
    public APIGatewayV2HTTPResponse admin(String method, String pathAndQuery, String contentType, String body) {
        Map<String, String> headers = contentType == null
                ? Map.of("Authorization", "Bearer " + TestServices.ADMIN_TOKEN)
                : Map.of("Content-Type", contentType, "Authorization", "Bearer " + TestServices.ADMIN_TOKEN);
        return invoke(method, pathAndQuery, headers, body);
    }

    public APIGatewayV2HTTPResponse putCsv(String symbol, String interval, String csv) {
        return admin("PUT", "/v1/candles/" + symbol + "/" + interval, "text/csv", csv);
    }

    public Map<String, Object> body(APIGatewayV2HTTPResponse response) {
        try {
            return json.readValue(response.getBody(), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String header(APIGatewayV2HTTPResponse response, String name) {
        return response.getHeaders().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    @Override
    public void close() {
        handler.close();
        context.close();
    }
}
