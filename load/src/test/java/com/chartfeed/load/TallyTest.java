package com.chartfeed.load;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TallyTest {

    private static Answer ok(long micros, String xCache) {
        return new Answer(200, xCache, null, micros * 1_000, null, null);
    }

    @Test
    void percentilesOfAKnownDistributionWithinHdrPrecision() {
        Tally tally = new Tally();
        for (int i = 1; i <= 1_000; i++) {
            tally.record(ok(i, "HIT-L1"));
        }
        Tally.Latencies l = tally.summary().latency();
        assertEquals(500, l.p50Micros(), 500 * 0.001);
        assertEquals(900, l.p90Micros(), 900 * 0.001);
        assertEquals(990, l.p99Micros(), 990 * 0.001);
        assertEquals(1_000, l.maxMicros(), 1_000 * 0.001);
        assertEquals(500.5, l.meanMicros(), 1);
    }

    @Test
    void countsByStatusAndXCacheFailuresByName() {
        Tally tally = new Tally();
        tally.record(ok(10, "HIT-L1"));
        tally.record(ok(10, "MISS"));
        tally.record(new Answer(503, Answer.NO_X_CACHE, null, 5_000, null, null));
        tally.record(Answer.failed(Answer.TIMEOUT, 5_000_000_000L));
        Tally.Summary s = tally.summary();
        assertEquals(4, s.requests());
        assertEquals(Map.of("200", 2L, "503", 1L, "timeout", 1L), s.statuses());
        // A request without an answer has no X-Cache to count.
        assertEquals(Map.of("HIT-L1", 1L, "MISS", 1L, "none", 1L), s.xCache());
        assertEquals(1, tally.status("timeout"));
        // The timeout is the maximum: failures count with the time they took.
        assertEquals(5_000_000, s.latency().maxMicros(), 5_000_000 * 0.001);
    }

    @Test
    void emptyTallyHasNoPercentiles() {
        Tally.Summary s = new Tally().summary();
        assertEquals(0, s.requests());
        assertTrue(Double.isNaN(s.latency().p99Micros()));
        assertEquals("-", Report.ms(s.latency().p99Micros()));
    }

    @Test
    void shareCountsBatchItemsApartFromTheResponseHeader() {
        Map<String, Long> xCache = Map.of("none", 4L, "item-HIT-L1", 9L, "item-MISS", 3L);
        assertEquals(0.75, ScenarioResult.share(xCache, "item-HIT-L1"), 1e-12);
        assertEquals(1.0, ScenarioResult.share(Map.of("HIT-L1", 7L), "HIT-L1"), 1e-12);
        assertEquals(0.0, ScenarioResult.share(Map.of(), "HIT-L2"), 1e-12);
    }

    @Test
    void batchItemsAreCountedFromResultsAndMeta() {
        String body = "{\"results\":[{\"status\":200,\"data\":{}},{\"status\":404,\"error\":{}},{\"status\":200,\"data\":{}}],"
                + "\"meta\":{\"l1Hits\":1,\"l2Hits\":0,\"misses\":1,\"durationMs\":3}}";
        Tally tally = new Tally();
        Answer answer = new Answer(200, Answer.NO_X_CACHE, null, 1_000, body.getBytes(StandardCharsets.UTF_8), null);
        tally.record(answer);
        LoadDriver.countItems(answer, tally, 3);
        Tally.Summary s = tally.summary();
        assertEquals(Map.of("200", 1L, "item-200", 2L, "item-404", 1L), s.statuses());
        assertEquals(Map.of("none", 1L, "item-HIT-L1", 1L, "item-MISS", 1L), s.xCache());
    }

    @Test
    void whenMetaAccountsForEveryItemTheyAreAll200() {
        String body = "{\"results\":[{\"status\":200,\"data\":{\"meta\":1}},{\"status\":200,\"data\":{}}],"
                + "\"meta\":{\"l1Hits\":1,\"l2Hits\":0,\"misses\":0,\"stale\":1,\"durationMs\":3}}";
        Tally tally = new Tally();
        LoadDriver.countItems(new Answer(200, Answer.NO_X_CACHE, null, 1_000, body.getBytes(StandardCharsets.UTF_8), null),
                tally, 2);
        Tally.Summary s = tally.summary();
        assertEquals(Map.of("item-200", 2L), s.statuses());
        assertEquals(Map.of("item-HIT-L1", 1L, "item-STALE", 1L), s.xCache());
    }

    @Test
    void durationsAsPeopleWriteThem() {
        assertEquals(java.time.Duration.ofMillis(250), Durations.parse("250ms"));
        assertEquals(java.time.Duration.ofSeconds(5), Durations.parse("5s"));
        assertEquals(java.time.Duration.ofMinutes(2), Durations.parse("2m"));
        assertEquals("5s", Durations.format(java.time.Duration.ofSeconds(5)));
        assertEquals("250ms", Durations.format(java.time.Duration.ofMillis(250)));
    }
}
