package com.chartfeed.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-made histories, each clean or with exactly the violation it must be flagged for. */
class HistoryCheckerTest {
    private static final String SYMBOL = "FCA";
    private static final long S = 1_000_000;   // one second in the history's microseconds
    private static final long T0 = 1_767_225_600L;

    private final List<History.Event> events = new ArrayList<>();
    private long ids;

    private static History.Write put(long ts, double close, long start, long end, boolean acked) {
        return new History.Write(0, "put", "s1", SYMBOL, "1m", ts, close, start, end, acked ? 200 : 503, null,
                acked, acked ? Boolean.TRUE : null, null);
    }

    private History.Read candles(long start, int status, String xCache, long from, long... ts) {
        double[] close = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            close[i] = closeOf(ts[i]);
        }
        History.Item item = new History.Item(SYMBOL, "1m", from, status, "STALE".equals(xCache), ts, close);
        return new History.Read(++ids, "candles", "s2", start, start + 5_000, status, null, xCache, 0.3, List.of(item));
    }

    private static double closeOf(long ts) {
        return 100 + (ts - T0) / 60 * 0.01;
    }

    private HistoryChecker.Verdict check() {
        return new HistoryChecker(HistoryChecker.Settings.defaults()).check(events);
    }

    @Test
    void aReadThatHoldsEveryCandleAcknowledgedBeforeItsBudgetPasses() {
        events.add(put(T0, closeOf(T0), 0, S, true));
        events.add(put(T0 + 60, closeOf(T0 + 60), S, 2 * S, true));
        // Within the budget after the second acknowledgement: may miss it.
        events.add(candles(2 * S + 500_000, 200, "HIT-L1", T0, T0));
        // Past it: holds both.
        events.add(candles(4 * S, 200, "HIT-L2", T0, T0, T0 + 60));
        HistoryChecker.Verdict verdict = check();
        assertTrue(verdict.passed(), verdict.summary());
        assertEquals(2, verdict.checkedReadItems());
        assertEquals(2, verdict.acknowledged());
    }

    @Test
    void aCurrentReadMissingAnAcknowledgedCandlePastTheBudgetIsFlagged() {
        events.add(put(T0, closeOf(T0), 0, S, true));
        events.add(put(T0 + 60, closeOf(T0 + 60), S, 2 * S, true));
        events.add(candles(3 * S + 200_000, 200, "HIT-L1", T0, T0));
        HistoryChecker.Verdict verdict = check();
        assertEquals(Map.of("stale-read", 1L), verdict.violations(), verdict.summary());
        String example = verdict.examples().get("stale-read").getFirst();
        assertTrue(example.contains("misses candle FCA/1m " + (T0 + 60)), example);
        assertTrue(example.contains("HIT-L1"), example);
    }

    private static History.Write unpublishedPut(long ts, long start, long end) {
        return new History.Write(0, "put", "s1", SYMBOL, "1m", ts, closeOf(ts), start, end, 200, null, true, false,
                null);
    }

    @Test
    void aPutNotInvalidatedFleetWideIsHeldToTheCatchUpBoundNotTheBudget() {
        // budget 1 s + repair interval 1 s + breaker open 5 s + slack 1 s = 8 s after the acknowledgement.
        events.add(unpublishedPut(T0, 0, S));
        events.add(candles(3 * S, 200, "HIT-L1", T0));
        events.add(candles(8 * S + 900_000, 200, "HIT-L2", T0));
        HistoryChecker.Verdict verdict = check();
        assertTrue(verdict.passed(), verdict.summary());
        // Past it: flagged, of its own kind.
        events.add(candles(9 * S + 100_000, 200, "HIT-L1", T0));
        verdict = check();
        assertEquals(Map.of("stale-read-unpublished", 1L), verdict.violations(), verdict.summary());
        assertTrue(verdict.examples().get("stale-read-unpublished").getFirst().contains("invalidatedFleetWide false"));
    }

    @Test
    void theCatchUpBoundCountsFromTheEndOfTheLastRedisFault() {
        events.add(unpublishedPut(T0, 0, S));
        events.add(new History.Fault("redis-pause", "redis", S / 2, 4 * S, "SIGSTOP"));
        // 8 s after the acknowledgement but 5 s after Redis answered again: not yet due.
        events.add(candles(9 * S + 500_000, 200, "HIT-L1", T0));
        // A snapshot is no fault: it does not move the bound.
        events.add(new History.Fault("redis-save", "redis", 5 * S, 5 * S, "SAVE"));
        events.add(candles(11 * S + 900_000, 200, "HIT-L1", T0));
        HistoryChecker.Verdict verdict = check();
        assertTrue(verdict.passed(), verdict.summary());
        events.add(candles(12 * S + 100_000, 200, "HIT-L1", T0));
        assertEquals(Map.of("stale-read-unpublished", 1L), check().violations());
    }

    @Test
    void aRedisFaultUnderWayExcusesAReadOfAnUnpublishedCandleButNotOfAPublishedOne() {
        events.add(unpublishedPut(T0, 0, S));
        events.add(put(T0 + 60, closeOf(T0 + 60), 0, S, true));
        events.add(new History.Fault("redis-blackhole", "redis", 20 * S, 24 * S, null));
        // Misses both, while Redis is black-holed: the published one is still due within the budget.
        events.add(candles(22 * S, 200, "HIT-L1", T0));
        HistoryChecker.Verdict verdict = check();
        assertEquals(Map.of("stale-read", 1L), verdict.violations(), verdict.summary());
        assertTrue(verdict.examples().get("stale-read").getFirst().contains("misses candle FCA/1m " + (T0 + 60)));
    }

    @Test
    void aReadMissingBothAnUnpublishedAndAPublishedCandleIsAPlainStaleRead() {
        events.add(unpublishedPut(T0, 0, S));
        events.add(put(T0 + 60, closeOf(T0 + 60), 0, S, true));
        events.add(candles(10 * S, 200, "HIT-L1", T0));
        assertEquals(Map.of("stale-read", 1L), check().violations());
    }

    @Test
    void theSlackIsSmallAndAReadJustPastItIsJudged() {
        events.add(put(T0, closeOf(T0), 0, S, true));
        // 1.05 s after the acknowledgement: inside budget + slack.
        events.add(candles(S + 1_050_000, 200, "HIT-L1", T0));
        assertTrue(check().passed());
        // 1.15 s after: outside.
        events.add(candles(S + 1_150_000, 200, "HIT-L1", T0));
        assertEquals(Map.of("stale-read", 1L), check().violations());
    }

    @Test
    void staleAnswers503AndUnacknowledgedWritesAreNotJudged() {
        events.add(put(T0, closeOf(T0), 0, S, true));
        events.add(put(T0 + 60, closeOf(T0 + 60), 0, S, false));
        events.add(candles(5 * S, 200, "STALE", T0));
        events.add(candles(5 * S, 503, null, T0));
        events.add(candles(5 * S, 200, "MISS", T0, T0));
        HistoryChecker.Verdict verdict = check();
        assertTrue(verdict.passed(), verdict.summary());
        assertEquals(1, verdict.checkedReadItems());
    }

    @Test
    void aNotFoundAfterTheSymbolWasAcknowledgedIsAStaleRead() {
        events.add(put(T0, closeOf(T0), 0, S, true));
        events.add(candles(3 * S, 404, null, T0));
        assertEquals(Map.of("stale-read", 1L), check().violations());
    }

    @Test
    void candlesBeforeTheWindowAskedForAreNotJudged() {
        events.add(put(T0, closeOf(T0), 0, S, true));
        events.add(put(T0 + 60, closeOf(T0 + 60), 0, S, true));
        events.add(candles(5 * S, 200, "HIT-L1", T0 + 60, T0 + 60));
        assertTrue(check().passed());
    }

    @Test
    void anotherCloseAtAnAcknowledgedTimeIsAWrongValue() {
        events.add(put(T0, 123.45, 0, S, true));
        events.add(candles(5 * S, 200, "HIT-L2", T0, T0));
        HistoryChecker.Verdict verdict = check();
        assertEquals(Map.of("wrong-value", 1L), verdict.violations(), verdict.summary());
    }

    @Test
    void aStaleBatchItemIsNotJudgedButACurrentOneIs() {
        events.add(put(T0, closeOf(T0), 0, S, true));
        History.Item stale = new History.Item(SYMBOL, "1m", T0, 200, true, new long[0], null);
        History.Item current = new History.Item(SYMBOL, "1m", T0, 200, false, new long[0], null);
        events.add(new History.Read(1, "batch", "s3", 5 * S, 5 * S + 10, 200, null, null, null, List.of(stale)));
        assertTrue(check().passed());
        events.add(new History.Read(2, "batch", "s3", 5 * S, 5 * S + 10, 200, null, null, null, List.of(current)));
        assertEquals(Map.of("stale-read", 1L), check().violations());
    }

    @Test
    void aVersionThatGoesBackIsFlagged() {
        events.add(new History.Version(SYMBOL, "1m", 7, S));
        events.add(new History.Version(SYMBOL, "1m", 8, 2 * S));
        events.add(new History.Version("FCB", "1m", 3, 2 * S));
        assertTrue(check().passed());
        events.add(new History.Version(SYMBOL, "1m", 7, 3 * S));
        HistoryChecker.Verdict verdict = check();
        assertEquals(Map.of("version-regressed", 1L), verdict.violations());
        assertTrue(verdict.examples().get("version-regressed").getFirst().contains("version 8"));
    }

    @Test
    void aReadThatWaitedOnRedisPastItsDeadlinePlusSlackIsFlagged() {
        events.add(new History.Read(1, "indicator", "s1", S, 2 * S, 200, null, "HIT-L1", 140.0, List.of()));
        assertTrue(check().passed());
        events.add(new History.Read(2, "indicator", "s1", S, 2 * S, 200, null, "HIT-L1", 2011.0, List.of()));
        assertEquals(Map.of("redis-wait", 1L), check().violations());
    }

    @Test
    void aReadOnAServerFrozenMeanwhileIsNotBlamedOnRedisButOneOnAnotherServerIs() {
        events.add(new History.Fault("server-freeze", "s1", S, 3 * S, "SIGSTOP"));
        events.add(new History.Read(1, "indicator", "s1", S, 3 * S, 200, null, "HIT-L1", 2000.0, List.of()));
        assertTrue(check().passed());
        events.add(new History.Read(2, "indicator", "s2", S, 3 * S, 200, null, "HIT-L1", 2000.0, List.of()));
        assertEquals(Map.of("redis-wait", 1L), check().violations());
    }

    @Test
    void stallsOfTheWholeMachineAreAllowedForButNoMore() {
        events.add(new History.Hiccup(S + 100_000, 70));
        events.add(new History.Hiccup(S + 300_000, 50));
        events.add(new History.Read(1, "indicator", "s1", S, 2 * S, 200, null, "HIT-L1", 260.0, List.of()));
        assertTrue(check().passed());
        events.add(new History.Read(2, "indicator", "s1", S, 2 * S, 200, null, "HIT-L1", 280.0, List.of()));
        // And only one that overlaps the read.
        events.add(new History.Read(3, "indicator", "s1", 3 * S, 4 * S, 200, null, "HIT-L1", 260.0, List.of()));
        assertEquals(Map.of("redis-wait", 2L), check().violations());
    }

    @Test
    void aSlowPutWhileOnlyRedisIsSilentIsFlaggedButNotWhileTheDatabaseIsFaultyToo() {
        events.add(new History.Fault("redis-pause", "redis", 0, 10 * S, null));
        events.add(put(T0, closeOf(T0), S, S + 900_000, true));
        assertTrue(check().passed());
        events.add(put(T0 + 60, closeOf(T0 + 60), 2 * S, 4 * S + 11_000, true));
        assertEquals(Map.of("put-waits-on-redis", 1L), check().violations());
        // Another server frozen meanwhile is no excuse for this one.
        events.add(new History.Fault("server-freeze", "s2", 3 * S, 5 * S, null));
        assertEquals(Map.of("put-waits-on-redis", 1L), check().violations());
        events.add(new History.Fault("pg-blackhole", "postgres", 3 * S, 5 * S, null));
        assertTrue(check().passed());
    }

    @Test
    void aSlowPutShortlyAfterADatabaseFaultOrAnswered503IsTheDatabases() {
        events.add(new History.Fault("redis-blackhole", "redis", 0, 20 * S, null));
        events.add(new History.Fault("pg-stop", "postgres", S, 3 * S, null));
        events.add(put(T0, closeOf(T0), 6 * S, 8 * S, true));
        events.add(new History.Write(0, "put", "s1", SYMBOL, "1m", T0 + 60, 1.0, 12 * S, 14 * S, 503, null, false,
                null, null));
        assertTrue(check().passed());
        events.add(put(T0 + 120, closeOf(T0 + 120), 9 * S, 11 * S, true));
        assertEquals(Map.of("put-waits-on-redis", 1L), check().violations());
    }

    @Test
    void a500IsFlagged() {
        events.add(candles(S, 500, null, T0));
        assertEquals(Map.of("server-error", 1L), check().violations());
    }

    @Test
    void aHistoryReadBackFromItsFileGivesTheSameVerdict(@TempDir Path dir) {
        Path file = dir.resolve("history.jsonl");
        try (History history = History.to(file)) {
            history.add(new History.Fault("redis-flushall", "redis", 0, 0, "FLUSHALL"));
            history.add(put(T0, closeOf(T0), 0, S, true));
            history.add(put(T0 + 60, closeOf(T0 + 60), S, 2 * S, true));
            history.add(candles(4 * S, 200, "HIT-L1", T0, T0));
            history.add(new History.Version(SYMBOL, "1m", 9, S));
            history.add(new History.Version(SYMBOL, "1m", 8, 2 * S));
        }
        List<History.Event> read = History.read(file);
        assertEquals(6, read.size());
        HistoryChecker.Verdict verdict = new HistoryChecker(HistoryChecker.Settings.defaults()).check(read);
        assertEquals(Map.of("stale-read", 1L, "version-regressed", 1L), verdict.violations(), verdict.summary());
        assertEquals(Map.of("redis-flushall", 1L), verdict.faults());
        assertFalse(verdict.passed());
    }
}
