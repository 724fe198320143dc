package com.chartfeed.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** API Gateway HTTP API events and request bodies of the handler benchmarks. */
final class Events {
    /** Ten 500-point indicators of the local server's sample candles, as a chart page would ask them. */
    static final String BATCH_10;

    static {
        StringBuilder items = new StringBuilder();
        List<String> indicators = List.of("sma", "ema", "rsi", "macd", "bbands", "atr", "adx", "cci", "stoch", "obv");
        for (int i = 0; i < indicators.size(); i++) {
            items.append(i == 0 ? "" : ",").append("{\"symbol\":\"AAPL\",\"indicator\":\"").append(indicators.get(i))
                    .append("\",\"interval\":\"1h\",\"limit\":500}");
        }
        BATCH_10 = "{\"requests\":[" + items + "]}";
    }

    private Events() {
    }

    static APIGatewayV2HTTPEvent get(String path, String query, String acceptEncoding) {
        return event("GET", path, query, null, acceptEncoding);
    }

    static APIGatewayV2HTTPEvent post(String path, String json, String acceptEncoding) {
        return event("POST", path, "", json, acceptEncoding);
    }

    private static APIGatewayV2HTTPEvent event(String method, String path, String query, String body,
                                               String acceptEncoding) {
        Map<String, String> headers = new HashMap<>();
        headers.put("accept", "application/json");
        if (acceptEncoding != null && !acceptEncoding.isEmpty()) {
            headers.put("accept-encoding", acceptEncoding);
        }
        if (body != null) {
            headers.put("content-type", "application/json");
            headers.put("content-length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString(query)
                .withQueryStringParameters(parameters(query))
                .withHeaders(headers)
                .withBody(body)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method).withPath(path).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1")
                                .build())
                        .withRequestId("bench-request")
                        .build())
                .build();
    }

    /** What API Gateway puts beside the raw query string, and Micronaut's adapter reads. */
    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                parameters.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return parameters.isEmpty() ? null : parameters;
    }

    /**
     * Sends this JVM's stdout and stderr to /dev/null, one write per line as Lambda's log pipe gets
     * them: the EMF records and log lines are written, as in Lambda, without flooding JMH's output.
     */
    static void silenceConsole() {
        try {
            PrintStream devNull = new PrintStream(new FileOutputStream("/dev/null"), false, StandardCharsets.UTF_8);
            System.setOut(devNull);
            System.setErr(devNull);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
