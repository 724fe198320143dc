package com.chartfeed.functions.indicator;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.testing.ApiGatewayEvents;
import com.chartfeed.testing.TestLambdaContext;
import com.chartfeed.testing.TestServices;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** The real {@link IndicatorFunction} on the test PostgreSQL, invoked with API Gateway events. */
final class FunctionHarness implements AutoCloseable {
    final ApplicationContext context;
    final IndicatorFunction handler;
    private final JsonMapper json;

    FunctionHarness(Map<String, Object> properties) {
        context = TestServices.startOnPostgres(properties);
        handler = new IndicatorFunction(context);
        json = context.getBean(JsonMapper.class);
    }

    APIGatewayV2HTTPResponse get(String pathAndQuery) {
        return invoke("GET", pathAndQuery, Map.of(), null);
    }

    APIGatewayV2HTTPResponse invoke(String method, String pathAndQuery, Map<String, String> headers, String body) {
        return handler.handleRequest(ApiGatewayEvents.request(method, pathAndQuery, headers, body),
                new TestLambdaContext("indicator", 10_000));
    }

    APIGatewayV2HTTPResponse putCsv(String symbol, String interval, String csv) {
        return invoke("PUT", "/v1/candles/" + symbol + "/" + interval,
                Map.of("Content-Type", "text/csv", "Authorization", "Bearer " + TestServices.ADMIN_TOKEN), csv);
    }

    Map<String, Object> body(APIGatewayV2HTTPResponse response) {
        try {
            return json.readValue(response.getBody(), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String header(APIGatewayV2HTTPResponse response, String name) {
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
