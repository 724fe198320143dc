package com.chartfeed.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.functions.cache.CacheFunction;
import com.chartfeed.functions.indicator.IndicatorFunction;
import com.chartfeed.lambda.HttpApiFunction;
import com.chartfeed.lambda.LocalLambdaContext;
import com.chartfeed.testing.ApiGatewayEvents;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same URL, sent to the local server over HTTP and to the Lambda handler as the API Gateway
 * event an HTTP API makes of it (repeated query values joined with commas, {@code rawQueryString}
 * as sent), gets the same status and the same body. Query values with commas, encoded or
 * repeated, are where the two used to part: the handler kept the first piece of a value API
 * Gateway had joined.
 */
@MicronautTest(environments = LocalEnvironment.NAME)
@Property(name = "admin.token", value = LambdaAgreesWithLocalServerTest.TOKEN)
@Property(name = "micronaut.server.port", value = "-1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaAgreesWithLocalServerTest {
    static final String TOKEN = "local-test-token";
    private static final JsonMapper JSON = JsonMapper.createDefault();

    @Inject
    @Client("/")
    HttpClient http;

    private ApplicationContext indicatorContext;
    private ApplicationContext cacheContext;
    private IndicatorFunction indicator;
    private CacheFunction cache;

    @BeforeAll
    void start() {
        indicatorContext = ApplicationContext.run(Map.of("admin.token", TOKEN), LocalEnvironment.NAME);
        indicator = new IndicatorFunction(indicatorContext);
        cacheContext = ApplicationContext.run(Map.of("admin.token", TOKEN), LocalEnvironment.NAME);
        cache = new CacheFunction(cacheContext);
    }

    @AfterAll
    void stop() {
        indicator.close();
        cache.close();
        indicatorContext.close();
        cacheContext.close();
    }

    /** Each URL with the status both must answer: a parameter given twice is a 400 naming it, whatever its values. */
    @ParameterizedTest
    @CsvSource(delimiter = ' ', value = {
            "/v1/indicators/AAPL/rsi?interval=1h&period=20&limit=3 200",
            "/v1/indicators/AAPL/rsi?interval=1h&period=14%2C200 400",
            "/v1/indicators/AAPL/rsi?interval=1h&period=14&period=20 400",
            "/v1/indicators/AAPL/rsi?interval=1h&period=14&period=14 400",
            "/v1/indicators/AAPL/rsi?interval=1h&period=14%2C 400",
            "/v1/indicators/AAPL/rsi?interval=1h&period=%2C14 400",
            "/v1/indicators/AAPL/rsi?interval=1h%2C1d 400",
            "/v1/indicators/AAPL/bbands?interval=1d&stddev=2&stddev=2&limit=2 400",
            "/v1/candles/AAPL?interval=1d&limit=2&limit=3 400",
            "/v1/candles/AAPL?interval=1d&limit=2%2C3 400",
            "/v1/symbols?prefix=a&prefix=m 400",
            "/v1/symbols?prefix=a%2Cm 400",
    })
    void aGetIsAnsweredAlikeOnLambdaAndLocally(String url, int status) {
        Answer local = local(HttpRequest.GET(url));
        assertEquals(status, local.status(), local.body());
        assertAlike(local, lambda(indicator, "GET", url));
    }

    @ParameterizedTest
    @CsvSource({
            "/v1/cache/MSFT?interval=1h&interval=1d",
            "/v1/cache/MSFT?interval=1h%2C1d",
    })
    void anAdminDeleteIsAnsweredAlikeOnLambdaAndLocally(String url) {
        Answer local = local(HttpRequest.DELETE(url).bearerAuth(TOKEN));
        assertEquals(400, local.status(), local.body());
        assertAlike(local, lambda(cache, "DELETE", url));
    }

    private static void assertAlike(Answer local, Answer lambda) {
        assertEquals(local.status(), lambda.status(), "local " + local.body() + "\nLambda " + lambda.body());
        assertEquals(local.json(), lambda.json());
    }

    private Answer local(MutableHttpRequest<?> request) {
        try {
            HttpResponse<byte[]> response = http.toBlocking().exchange(request, byte[].class);
            return new Answer(response.code(), new String(response.body(), StandardCharsets.UTF_8));
        } catch (HttpClientResponseException e) {
            return new Answer(e.code(), e.getResponse().getBody(byte[].class)
                    .map(b -> new String(b, StandardCharsets.UTF_8)).orElse(""));
        }
    }

    private static Answer lambda(HttpApiFunction function, String method, String url) {
        Map<String, String> headers = method.equals("GET") ? Map.of() : Map.of("Authorization", "Bearer " + TOKEN);
        APIGatewayV2HTTPResponse response = function.handleRequest(ApiGatewayEvents.request(method, url, headers, null),
                new LocalLambdaContext("parity", 10_000));
        return new Answer(response.getStatusCode(), response.getBody());
    }

    private record Answer(int status, String body) {
        Object json() {
            try {
                return JSON.readValue(body, Argument.OBJECT_ARGUMENT);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }
}
