package com.chartfeed.functions.invalidation;

import com.chartfeed.cache.CacheKey;
import com.chartfeed.cache.CacheSource;
import com.chartfeed.cache.L2Cache;
import com.chartfeed.cache.RequestTimings;
import com.chartfeed.candles.CandleWriter;
import com.chartfeed.candles.Interval;
import com.chartfeed.candles.SampleCandles;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorService;
import com.chartfeed.indicators.IndicatorType;
import com.chartfeed.indicators.PriceSource;
import com.chartfeed.testing.IngestionEvents;
import com.chartfeed.testing.TestServices;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real handler, invoked with the sample events of infra/events (their symbol rewritten), makes
 * the next read of that symbol in another container a MISS and the read after it a hit. The other
 * container is a second application context on the same Redis and PostgreSQL, trusting a
 * generation it read for 100 ms only.
 */
class CandleInvalidationFunctionTest {
    private static final long STALENESS_BUDGET_MILLIS = 100;
    private static final IndicatorParams EMA = new IndicatorParams(IndicatorType.EMA, new double[] {30},
            PriceSource.CLOSE);
    private static InvalidationFunctionHarness function;
    private static ApplicationContext reader;

    @BeforeAll
    static void start() {
        function = new InvalidationFunctionHarness(TestServices.redisUri(), Map.of());
        reader = TestServices.startOnPostgres(Map.of("redis.uri", TestServices.redisUri(),
                "cache.staleness-budget", STALENESS_BUDGET_MILLIS + "ms", "cache.redis-command-timeout", "250ms"));
    }

    @AfterAll
    static void stop() {
        function.close();
        reader.close();
    }

    @Test
    void snsNotification() throws InterruptedException {
        String symbol = uploadAndCache("INVSNS");
        Map<String, Object> answer = function.invokeForMap(IngestionEvents.sample(IngestionEvents.SNS, symbol));

        String id = (String) snsOf(IngestionEvents.SNS).get("MessageId");
        assertEquals(summaryOfOneInvalidation(id, symbol, "1h"), answer);
        assertMissThenHit(symbol);
    }

    @Test
    void eventBridgeEvent() throws InterruptedException {
        String symbol = uploadAndCache("INVEB");
        Map<String, Object> answer = function.invokeForMap(IngestionEvents.sample(IngestionEvents.EVENTBRIDGE, symbol));

        String id = (String) function.map(IngestionEvents.sample(IngestionEvents.EVENTBRIDGE)).get("id");
        assertEquals(summaryOfOneInvalidation(id, symbol, "1h"), answer);
        assertMissThenHit(symbol);
    }

    /**
     * Plain body, SNS-envelope body, malformed body: only the malformed one is a batch item failure,
     * and the two valid records, naming the same (symbol, 1h), move its generation once.
     */
    @Test
    void sqsBatch() throws InterruptedException {
        String symbol = uploadAndCache("INVSQS");
        long generation = generation(symbol, Interval.H1);
        Map<String, Object> answer = function.invokeForMap(IngestionEvents.sample(IngestionEvents.SQS, symbol));

        assertEquals(Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", sqsMessageIds().get(2)))), answer);
        assertEquals(generation + 1, generation(symbol, Interval.H1));
        assertMissThenHit(symbol);
    }

    /** At-least-once delivery: the same event again answers the same and still ends in MISS, then hit. */
    @Test
    void theSameEventTwiceIsHarmless() throws InterruptedException {
        for (String sample : List.of(IngestionEvents.SQS, IngestionEvents.SNS, IngestionEvents.EVENTBRIDGE)) {
            String symbol = uploadAndCache("INVTWICE");
            String event = IngestionEvents.sample(sample, symbol);
            String first = function.invoke(event);
            assertMissThenHit(symbol);
            String second = function.invoke(event);
            assertEquals(function.map(first), function.map(second), sample);
            assertMissThenHit(symbol);
        }
    }

    /** An event without an interval is every interval of the symbol; one with 1h leaves 1d cached. */
    @Test
    void theIntervalDecidesWhatIsInvalidated() throws InterruptedException {
        String symbol = uploadAndCache("INVIVL");
        upload(symbol, Interval.D1);
        assertEquals(CacheSource.MISS, read(symbol, Interval.D1));

        function.invoke(IngestionEvents.sns(IngestionEvents.object(symbol, "1h")));
        Thread.sleep(STALENESS_BUDGET_MILLIS * 2);
        assertEquals(CacheSource.HIT_L1, read(symbol, Interval.D1), "1d is untouched by a 1h event");
        assertMissThenHit(symbol);

        Map<String, Object> every = function.invokeForMap(IngestionEvents.sns("{\"symbol\":\"" + symbol.toLowerCase()
                + "\"}"));
        List<?> invalidated = (List<?>) every.get("invalidated");
        assertEquals(List.of(Interval.values()).stream().map(Interval::code).toList(),
                ((Map<?, ?>) invalidated.get(0)).get("intervals"));
        Thread.sleep(STALENESS_BUDGET_MILLIS * 2);
        assertEquals(CacheSource.MISS, read(symbol, Interval.D1));
        assertEquals(CacheSource.MISS, read(symbol, Interval.H1));
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

    /** Uploads 1h candles for a new symbol and caches its EMA in the reader: MISS, then a hit that stays a hit. */
    private static String uploadAndCache(String prefix) throws InterruptedException {
        String symbol = TestServices.uniqueSymbol(prefix);
        upload(symbol, Interval.H1);
        assertEquals(CacheSource.MISS, read(symbol, Interval.H1));
        assertEquals(CacheSource.HIT_L1, read(symbol, Interval.H1));
        // Past the budget the reader asks Redis again, and with no invalidation it is still a hit:
        // so the MISS after an event can only come from the event.
        Thread.sleep(STALENESS_BUDGET_MILLIS * 2);
        assertEquals(CacheSource.HIT_L1, read(symbol, Interval.H1));
        return symbol;
    }

    private static void upload(String symbol, Interval interval) {
        reader.getBean(CandleWriter.class).upsert(symbol, interval, SampleCandles.generate(symbol, interval, 200, 30));
    }

    private static void assertMissThenHit(String symbol) throws InterruptedException {
        Thread.sleep(STALENESS_BUDGET_MILLIS * 2);
        assertEquals(CacheSource.MISS, read(symbol, Interval.H1), "the next read after the event");
        assertEquals(CacheSource.HIT_L1, read(symbol, Interval.H1), "the read after that");
    }

    private static CacheSource read(String symbol, Interval interval) {
        return reader.getBean(IndicatorService.class).series(symbol, interval, EMA, new RequestTimings()).source();
    }

    private static long generation(String symbol, Interval interval) {
        return reader.getBean(L2Cache.class).fetch(List.of(new CacheKey.Scope(symbol, interval)), List.of(),
                new RequestTimings()).generations()[0];
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
    static List<String> sqsMessageIds() {
        List<Map<String, Object>> records = (List<Map<String, Object>>) function.map(
                IngestionEvents.sample(IngestionEvents.SQS)).get("Records");
        return records.stream().map(r -> (String) r.get("messageId")).toList();
    }
}
