package com.chartfeed.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.chartfeed.problems.Problem;
import com.chartfeed.problems.ProblemException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.uri.QueryStringDecoder;
import io.micronaut.servlet.http.ServletHttpRequest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query parameters of a request exactly as the client wrote them, each given at most once:
 * a parameter given twice ({@code period=14&period=20}) is a {@code 400} naming it, never "the
 * first one wins".
 *
 * <p>Behind API Gateway the parameters are read from the event's {@code rawQueryString}, not from
 * Micronaut's {@code getParameters()}: payload 2.0 joins a repeated parameter's values with commas
 * in {@code queryStringParameters}, and micronaut-function-aws-api-proxy splits every value there
 * at its commas, so {@code period=14%2C200} would arrive as two values, 14 and 200 (and
 * {@code period=14%2C} as just 14). Read from the raw query, a Lambda function sees what the local
 * server sees: {@code "14,200"}, refused as no integer, on both.
 */
public final class RequestQuery {
    /** What Netty's decoder, which the local server uses, allows by default. */
    private static final int MAX_PARAMETERS = 1024;

    private RequestQuery() {
    }

    /** The parameters in the order given; {@code 400} naming each one given more than once. */
    public static Map<String, String> of(HttpRequest<?> request) {
        Map<String, List<String>> all = request instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event
                ? fromEvent(event)
                : request.getParameters().asMap();
        Map<String, String> once = new LinkedHashMap<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        all.forEach((name, values) -> {
            if (values.size() > 1) {
                errors.add(new Problem.FieldError(QueryParser.plain(name), "is given " + values.size()
                        + " times; give it once"));
            } else if (values.size() == 1) {
                once.put(name, values.get(0));
            }
        });
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        return once;
    }

    private static Map<String, List<String>> fromEvent(APIGatewayV2HTTPEvent event) {
        String raw = event.getRawQueryString();
        if (raw != null) {
            return new QueryStringDecoder(raw, StandardCharsets.UTF_8, false, MAX_PARAMETERS, false).parameters();
        }
        // An event without rawQueryString (API Gateway always sends one; a hand-made event may not):
        // each joined value taken whole, as one value, rather than split at its commas.
        Map<String, List<String>> joined = new LinkedHashMap<>();
        if (event.getQueryStringParameters() != null) {
            event.getQueryStringParameters().forEach((name, value) -> joined.put(name, List.of(value)));
        }
        return joined;
    }
}
