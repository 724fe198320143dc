package com.chartfeed.functions.invalidation;

import com.chartfeed.cache.CacheSource;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.IngestionEvents;
import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real handler, invoked with the sample events of infra/events (their symbol rewritten), makes
 * the next read of that symbol in another container a MISS and the read after it a hit.
 */
class CandleInvalidationFunctionTest {
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

    @Test
    void snsNotification() throws InterruptedException {
        String symbol = reader.uploadAndCache("INVSNS");
        Map<String, Object> answer = function.invokeForMap(IngestionEvents.sample(IngestionEvents.SNS, symbol));

        String id = (String) snsOf(IngestionEvents.SNS).get("MessageId");
        assertEquals(summaryOfOneInvalidation(id, symbol, "1h"), answer);
        reader.assertMissThenHit(symbol);
    }

    /** SnapStart's hooks, called as Lambda calls them around a snapshot: the function still invalidates. */
    @Test
    void invalidatesAfterTheSnapStartHooks() throws InterruptedException {
        function.handler.snapStart().beforeCheckpoint(null);
        function.handler.snapStart().afterRestore(null);
        String symbol = reader.uploadAndCache("INVSNAP");
        Map<String, Object> answer = function.invokeForMap(IngestionEvents.sample(IngestionEvents.SNS, symbol));

        assertEquals(summaryOfOneInvalidation((String) snsOf(IngestionEvents.SNS).get("MessageId"), symbol, "1h"), answer);
        reader.assertMissThenHit(symbol);
    }

    @Test
    void eventBridgeEvent() throws InterruptedException {
        String symbol = reader.uploadAndCache("INVEB");
        Map<String, Object> answer = function.invokeForMap(IngestionEvents.sample(IngestionEvents.EVENTBRIDGE, symbol));

        String id = (String) function.map(IngestionEvents.sample(IngestionEvents.EVENTBRIDGE)).get("id");
        assertEquals(summaryOfOneInvalidation(id, symbol, "1h"), answer);
        reader.assertMissThenHit(symbol);
    }

    /**
     * Plain body, SNS-envelope body, malformed body: only the malformed one is a batch item failure,
     * and the two valid records, naming the same (symbol, 1h), move its version forward.
     */
    @Test
    void sqsBatch() throws InterruptedException {
        String symbol = reader.uploadAndCache("INVSQS");
        long generation = reader.generation(symbol, Interval.H1);
        Map<String, Object> answer = function.invokeForMap(IngestionEvents.sample(IngestionEvents.SQS, symbol));

        assertEquals(Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", sqsMessageIds().get(2)))), answer);
        assertTrue(reader.generation(symbol, Interval.H1) > generation, "the version moved forward");
        reader.assertMissThenHit(symbol);
    }

    /** At-least-once delivery: the same event again answers the same and still ends in MISS, then hit. */
    @Test
    void theSameEventTwiceIsHarmless() throws InterruptedException {
        for (String sample : List.of(IngestionEvents.SQS, IngestionEvents.SNS, IngestionEvents.EVENTBRIDGE)) {
            String symbol = reader.uploadAndCache("INVTWICE");
            String event = IngestionEvents.sample(sample, symbol);
            String first = function.invoke(event);
            reader.assertMissThenHit(symbol);
            String second = function.invoke(event);
            assertEquals(function.map(first), function.map(second), sample);
            reader.assertMissThenHit(symbol);
        }
    }

    /** An event without an interval is every interval of the symbol; one with 1h leaves 1d cached. */
    @Test
    void theIntervalDecidesWhatIsInvalidated() throws InterruptedException {
        String symbol = reader.uploadAndCache("INVIVL");
        reader.upload(symbol, Interval.D1);
        assertEquals(CacheSource.MISS, reader.read(symbol, Interval.D1));

        function.invoke(IngestionEvents.sns(IngestionEvents.object(symbol, "1h")));
        reader.waitPastBudget();
        assertEquals(CacheSource.HIT_L1, reader.read(symbol, Interval.D1), "1d is untouched by a 1h event");
        reader.assertMissThenHit(symbol);

        Map<String, Object> every = function.invokeForMap(IngestionEvents.sns("{\"symbol\":\"" + symbol.toLowerCase()
                + "\"}"));
        Map<?, ?> invalidated = (Map<?, ?>) ((List<?>) every.get("invalidated")).get(0);
        assertEquals(Arrays.stream(Interval.values()).map(Interval::code).toList(), invalidated.get("intervals"));
        reader.waitPastBudget();
        assertEquals(CacheSource.MISS, reader.read(symbol, Interval.D1));
        assertEquals(CacheSource.MISS, reader.read(symbol, Interval.H1));
    }

    /** A malformed SNS or EventBridge event is answered and reported, never thrown (no retry could help). */
    @Test
    void malformedSnsAndEventBridgeAreReportedNotThrown() {
        Map<String, Object> sns = function.invokeForMap(IngestionEvents.sns(IngestionEvents.object("A*B", "1h")));
        assertEquals(List.of(), sns.get("invalidated"));
        assertEquals(List.of(), sns.get("failed"));
        Map<?, ?> rejected = (Map<?, ?>) ((List<?>) sns.get("rejected")).get(0);
        assertEquals(snsOf(IngestionEvents.SNS).get("MessageId"), rejected.get("id"));
        assertTrue(((String) rejected.get("reason")).contains("symbol"), rejected.toString());

        Map<String, Object> eventBridge = function.invokeForMap(IngestionEvents.eventBridge("aws.ec2", "CandlesIngested",
                IngestionEvents.object("AAPL", "1h")));
        assertEquals(1, ((List<?>) eventBridge.get("rejected")).size());
        assertEquals(List.of(), eventBridge.get("invalidated"));
    }

    private static Map<String, Object> summaryOfOneInvalidation(String id, String symbol, String interval) {
        return Map.of("invalidated", List.of(Map.of("id", id, "symbol", symbol, "intervals", List.of(interval),
                "fleetWide", true)), "rejected", List.of(), "failed", List.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> snsOf(String sample) {
        List<Map<String, Object>> records = (List<Map<String, Object>>) function.map(IngestionEvents.sample(sample))
                .get("Records");
        return (Map<String, Object>) records.get(0).get("Sns");
    }

    @SuppressWarnings("unchecked")
    private static List<String> sqsMessageIds() {
        List<Map<String, Object>> records = (List<Map<String, Object>>) function.map(
                IngestionEvents.sample(IngestionEvents.SQS)).get("Records");
        return records.stream().map(r -> (String) r.get("messageId")).toList();
    }
}
