package com.chartfeed.ingestion;

import com.chartfeed.cache.CacheKey;
import com.chartfeed.cache.CacheStats;
import com.chartfeed.cache.L2Cache;
import com.chartfeed.cache.RequestTimings;
import com.chartfeed.candles.CandleVersions;
import com.chartfeed.candles.Interval;
import com.chartfeed.testing.RedisServerProcess;
import com.chartfeed.testing.TestServices;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Applying ingestion records to the real Redis generations: dedupe, idempotence, rejections, outages. */
class InvalidationApplierTest {
    private static ApplicationContext context;
    private static InvalidationApplier applier;
    private static L2Cache l2;

    @BeforeAll
    static void start() {
        context = TestServices.startOnPostgres(Map.of("redis.uri", TestServices.redisUri(),
                "cache.redis-command-timeout", "250ms"));
        applier = context.getBean(InvalidationApplier.class);
        l2 = context.getBean(L2Cache.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void oneIntervalIsOneIncrementOfItsGenerationOnly() {
        String symbol = TestServices.uniqueSymbol("APONE");
        long[] before = generations(symbol);
        InvalidationReport report = applier.apply(List.of(valid("a", symbol, Interval.H1)));

        assertEquals(List.of(RecordOutcome.Status.INVALIDATED), statuses(report));
        assertTrue(report.outcomes().get(0).fleetWide());
        assertAdvanced(before, generations(symbol), Interval.H1);
    }

    @Test
    void noIntervalIsEveryInterval() {
        String symbol = TestServices.uniqueSymbol("APALL");
        long[] before = generations(symbol);
        InvalidationReport report = applier.apply(List.of(valid("a", symbol, null)));
        assertEquals(List.of(RecordOutcome.Status.INVALIDATED), statuses(report));
        assertAdvanced(before, generations(symbol), Interval.values());
        assertEquals(Arrays.stream(Interval.values()).map(i -> new CacheKey.Scope(symbol, i)).toList(),
                report.invalidatedScopes());
    }

    /** The same (symbol, interval) twice in a batch is one INCR; both records are reported invalidated. */
    @Test
    void identicalTargetsInABatchAreInvalidatedOnce() {
        String symbol = TestServices.uniqueSymbol("APDUP");
        long[] before = generations(symbol);
        InvalidationReport report = applier.apply(List.of(valid("a", symbol, Interval.H1),
                valid("b", symbol, Interval.D1), valid("c", symbol, Interval.H1)));

        assertEquals(List.of("a", "b", "c"), report.outcomes().stream().map(RecordOutcome::id).toList());
        assertEquals(List.of(RecordOutcome.Status.INVALIDATED, RecordOutcome.Status.INVALIDATED,
                RecordOutcome.Status.INVALIDATED), statuses(report));
        assertAdvanced(before, generations(symbol), Interval.H1, Interval.D1);
        assertEquals(List.of(new CacheKey.Scope(symbol, Interval.H1), new CacheKey.Scope(symbol, Interval.D1)),
                report.invalidatedScopes());
    }

    /**
     * At-least-once delivery: the same batch again is reported the same way and only moves the
     * generation one more step (one more recomputation); nothing breaks.
     */
    @Test
    void theSameBatchTwiceIsHarmless() {
        String symbol = TestServices.uniqueSymbol("APTWICE");
        List<IngestionRecord> batch = List.of(valid("a", symbol, Interval.M5));
        long[] before = generations(symbol);
        InvalidationReport first = applier.apply(batch);
        long[] between = generations(symbol);
        InvalidationReport second = applier.apply(batch);
        assertEquals(first, second);
        assertAdvanced(before, between, Interval.M5);
        assertAdvanced(between, generations(symbol), Interval.M5);
    }

    @Test
    void rejectedRecordsStayRejectedAndTouchNothing() {
        String symbol = TestServices.uniqueSymbol("APREJ");
        long[] before = generations(symbol);
        InvalidationReport report = applier.apply(List.of(IngestionRecord.rejected("bad", "symbol: is required"),
                valid("good", symbol, Interval.H4)));
        assertEquals(List.of(RecordOutcome.Status.REJECTED, RecordOutcome.Status.INVALIDATED), statuses(report));
        assertEquals("symbol: is required", report.rejected().get(0).reason());
        assertAdvanced(before, generations(symbol), Interval.H4);
    }

    /** The two answers, as JSON, built from the outcomes. */
    @Test
    void answersListWhatHappened() throws IOException {
        String symbol = TestServices.uniqueSymbol("APANS");
        InvalidationReport report = applier.apply(List.of(valid("ok", symbol, Interval.H1),
                IngestionRecord.rejected("bad", "body is not JSON")));
        JsonMapper json = context.getBean(JsonMapper.class);

        Map<String, Object> sqs = json.readValue(json.writeValueAsString(report.sqsBatchResponse()),
                Argument.mapOf(String.class, Object.class));
        assertEquals(Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", "bad"))), sqs);
        InvalidationReport allGood = new InvalidationReport(List.of(report.outcomes().get(0)));
        assertEquals("{\"batchItemFailures\":[]}", json.writeValueAsString(allGood.sqsBatchResponse()));

        Map<String, Object> summary = json.readValue(json.writeValueAsString(report.summary()),
                Argument.mapOf(String.class, Object.class));
        assertEquals(Map.of(
                "invalidated", List.of(Map.of("id", "ok", "symbol", symbol, "intervals", List.of("1h"), "fleetWide", true)),
                "rejected", List.of(Map.of("id", "bad", "reason", "body is not JSON")),
                "failed", List.of()), summary);
    }

    /** With no L2 there is no fleet to tell: this container's L1 is invalidated, and that is a success. */
    @Test
    void withoutRedisConfiguredAnInvalidationIsLocalAndNotAFailure() {
        try (ApplicationContext local = TestServices.startOnPostgres(Map.of())) {
            InvalidationReport report = local.getBean(InvalidationApplier.class)
                    .apply(List.of(valid("a", TestServices.uniqueSymbol("APL1"), Interval.H1)));
            assertEquals(List.of(RecordOutcome.Status.INVALIDATED), statuses(report));
            assertFalse(report.outcomes().get(0).fleetWide());
        }
    }

    /**
     * Redis configured but dead: valid records fail (to be retried), malformed ones are still
     * malformed, and after the first failure the breaker skips Redis instead of waiting again.
     */
    @Test
    void redisDownIsATransientFailureBehindTheBreaker() {
        try (RedisServerProcess redis = TestServices.startRedisServer();
             ApplicationContext down = TestServices.startOnPostgres(Map.of("redis.uri", redis.uri(),
                     "cache.breaker-open-for", "30s", "cache.redis-bulk-timeout", "500ms"))) {
            redis.stop();
            InvalidationApplier dead = down.getBean(InvalidationApplier.class);
            CacheStats stats = down.getBean(CacheStats.class);
            String symbol = TestServices.uniqueSymbol("APDOWN");
            List<IngestionRecord> batch = List.of(valid("a", symbol, Interval.H1),
                    IngestionRecord.rejected("bad", "interval: must be one of ..."), valid("b", symbol, null));

            InvalidationReport first = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> dead.apply(batch));
            assertEquals(List.of(RecordOutcome.Status.FAILED, RecordOutcome.Status.REJECTED,
                    RecordOutcome.Status.FAILED), statuses(first));
            assertEquals(List.of(), first.invalidatedScopes());

            long skippedBefore = stats.counters().get("l2Skipped");
            InvalidationReport again = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> dead.apply(batch));
            assertEquals(statuses(first), statuses(again));
            assertTrue(stats.counters().get("l2Skipped") > skippedBefore, "the open breaker skipped Redis");
        }
    }

    private static IngestionRecord valid(String id, String symbol, Interval interval) {
        return IngestionRecord.valid(id, new CandlesIngested(symbol, interval, 1_700_000_000L, 1_700_003_600L));
    }

    private static List<RecordOutcome.Status> statuses(InvalidationReport report) {
        return report.outcomes().stream().map(RecordOutcome::status).toList();
    }

    /**
     * The current version of every interval of {@code symbol}, in {@link Interval} order, as
     * PostgreSQL holds it; Redis must know the same (it was published).
     */
    private static long[] generations(String symbol) {
        List<CacheKey.Scope> scopes = Arrays.stream(Interval.values()).map(i -> new CacheKey.Scope(symbol, i)).toList();
        Map<Interval, Long> stored = context.getBean(CandleVersions.class).read(symbol, List.of(Interval.values()));
        long[] versions = Arrays.stream(Interval.values()).mapToLong(stored::get).toArray();
        L2Cache.Fetched fetched = l2.fetch(scopes, List.of(), new RequestTimings());
        assertTrue(fetched != null, "Redis answered");
        for (int i = 0; i < versions.length; i++) {
            if (versions[i] > 0) {
                assertEquals(versions[i], fetched.versions()[i], "Redis knows the version of " + scopes.get(i));
            }
        }
        return versions;
    }

    /** Exactly {@code bumped} got new versions, larger than before. */
    private static void assertAdvanced(long[] before, long[] after, Interval... bumped) {
        List<Interval> changed = List.of(bumped);
        for (Interval interval : Interval.values()) {
            int i = interval.ordinal();
            if (changed.contains(interval)) {
                assertTrue(after[i] > before[i], interval + " advanced: " + before[i] + " -> " + after[i]);
            } else {
                assertEquals(before[i], after[i], interval + " untouched");
            }
        }
    }
}
