package com.chartfeed.functions.invalidation;

import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The handler on SNS, EventBridge and SQS events with every field AWS sends (src/test/resources/
 * events/aws, after AWS's sample events): typed SNS and SQS message attributes, a null SNS subject,
 * an SQS trace header, EventBridge resources, and an SNS-to-SQS envelope with its own attributes.
 * None of it is in the way: each record invalidates its symbol, and the next read elsewhere is a MISS.
 */
class AwsEventShapesTest {
    private static final String SAMPLE_SYMBOL = "AAPL";
    private static InvalidationFunctionHarness function;
    private static ReaderContainer reader;

    @BeforeAll
    static void start() {
        function = new InvalidationFunctionHarness(TestServices.redisUri(), Map.of());
        reader = new ReaderContainer(TestServices.redisUri());
    }

    @AfterAll
    static void stop() {
        function.close();
        reader.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sns-every-field.json", "eventbridge-every-field.json"})
    void anSnsOrEventBridgeEventWithEveryFieldInvalidates(String file) throws InterruptedException {
        String symbol = reader.uploadAndCache("AWSINV");
        Map<String, Object> answer = function.invokeForMap(event(file, symbol));

        assertEquals(List.of(), answer.get("rejected"), answer.toString());
        assertEquals(List.of(), answer.get("failed"), answer.toString());
        List<?> invalidated = (List<?>) answer.get("invalidated");
        assertEquals(1, invalidated.size(), answer.toString());
        assertEquals(symbol, ((Map<?, ?>) invalidated.get(0)).get("symbol"));
        reader.assertMissThenHit(symbol);
    }

    /** A plain body and an SNS envelope, both with message attributes: no batch item failure. */
    @ParameterizedTest
    @ValueSource(strings = {"sqs-every-field.json"})
    void anSqsBatchWithEveryFieldInvalidates(String file) throws InterruptedException {
        String symbol = reader.uploadAndCache("AWSSQS");
        Map<String, Object> answer = function.invokeForMap(event(file, symbol));

        assertEquals(Map.of("batchItemFailures", List.of()), answer);
        reader.assertMissThenHit(symbol);
    }

    private static String event(String file, String symbol) {
        try (InputStream in = AwsEventShapesTest.class.getResourceAsStream("/events/aws/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(SAMPLE_SYMBOL, symbol);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
