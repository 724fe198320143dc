package com.chartfeed.cache;

import com.chartfeed.candles.SkippedReads;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * This container's cache counters. Cheap to bump on every request (striped adders), and bumped only
 * through the verbs below, each saying when; read as a snapshot for {@code GET /v1/cache/stats}
 * and added to the fleet totals by {@link FleetStats}.
 */
@Singleton
public final class CacheStats implements SkippedReads {
    private final LongAdder l1Hits = new LongAdder();
    private final LongAdder l1Misses = new LongAdder();
    private final LongAdder l2Hits = new LongAdder();
    private final LongAdder l2Misses = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final LongAdder l1Evictions = new LongAdder();
    private final LongAdder l1Expirations = new LongAdder();
    private final LongAdder l2Errors = new LongAdder();
    private final LongAdder l2Timeouts = new LongAdder();
    private final LongAdder l2Skipped = new LongAdder();
    private final LongAdder loads = new LongAdder();
    private final LongAdder loadNanos = new LongAdder();
    private final LongAdder loadFailures = new LongAdder();
    private final LongAdder databaseReads = new LongAdder();
    private final LongAdder databaseSkipped = new LongAdder();
    private final LongAdder redisConnects = new LongAdder();
    private final LongAdder refreshedAhead = new LongAdder();
    private final LongAdder refreshFailures = new LongAdder();
    private final LongAdder versionRepairFailures = new LongAdder();
    private final LongAdder patchedLoads = new LongAdder();
    private final LongAdder fullLoads = new LongAdder();
    private final LongAdder candleRowsRead = new LongAdder();
    private final LongAdder patchedSeries = new LongAdder();
    // Time spent per layer, for the per-invocation CloudWatch metrics (not part of the fleet totals).
    private final LongAdder l1Nanos = new LongAdder();
    private final LongAdder l2Nanos = new LongAdder();
    private final LongAdder databaseNanos = new LongAdder();
    private final LongAdder computeNanos = new LongAdder();

    /** Counts a lookup answered from L1, its entry current. */
    void l1Hit() {
        l1Hits.increment();
    }

    /** Counts a lookup L1 could not answer: absent, or not current. */
    void l1Miss() {
        l1Misses.increment();
    }

    /** Counts a lookup answered from L2 (Redis), its value current. */
    void l2Hit() {
        l2Hits.increment();
    }

    /** Counts a lookup L2 could not answer (absent, not current, or Redis failed); only where there is an L2. */
    void l2Miss() {
        l2Misses.increment();
    }

    /** Counts a lookup answered by a load ({@code MISS}), its own or one it joined. */
    void miss() {
        misses.increment();
    }

    /** Counts a lookup answered {@code STALE}: the version could not be confirmed, or the load failed for want of the database. */
    void stale() {
        stale.increment();
    }

    /** Counts an L1 entry evicted for size. */
    void l1Evicted() {
        l1Evictions.increment();
    }

    /** Counts an L1 entry dropped at the end of its retention. */
    void l1Expired() {
        l1Expirations.increment();
    }

    /** Counts a Redis call that failed other than by its deadline. */
    void l2Error() {
        l2Errors.increment();
    }

    /** Counts a Redis call that passed its deadline. */
    void l2Timeout() {
        l2Timeouts.increment();
    }

    /** Counts a Redis call not made: the breaker was open, or no connection was made yet. */
    void l2Skipped() {
        l2Skipped.increment();
    }

    /** Counts a load that completed, and the {@code nanos} it took. */
    void loaded(long nanos) {
        loads.increment();
        loadNanos.add(nanos);
    }

    /** Counts a load that threw (a {@code STALE} fallback may still answer). */
    void loadFailed() {
        loadFailures.increment();
    }

    /** Counts a connection made to Redis. */
    void redisConnected() {
        redisConnects.increment();
    }

    /** Counts a version repair that failed, or that Redis's replicas did not confirm. */
    void versionRepairFailed() {
        versionRepairFailures.increment();
    }

    /** Adds time spent in L1. */
    void l1Time(long nanos) {
        l1Nanos.add(nanos);
    }

    /** Adds time spent waiting for Redis. */
    void l2Time(long nanos) {
        l2Nanos.add(nanos);
    }

    /** Counts one read of the candle table (a load from PostgreSQL). */
    public void databaseRead() {
        databaseReads.increment();
    }

    /** Counts a load of a history read whole from the database ({@code rows} candles). */
    public void fullLoad(long rows) {
        fullLoads.increment();
        candleRowsRead.add(rows);
    }

    /** Counts a load of a history patched by the {@code rows} candles changed since a cached version. */
    public void patchedLoad(long rows) {
        patchedLoads.increment();
        candleRowsRead.add(rows);
    }

    /** Counts the rows of a delta read but too large to patch (the history is then read whole). */
    public void deltaDiscarded(long rows) {
        candleRowsRead.add(rows);
    }

    /** Counts a series extended from its previous version instead of computed over the whole history. */
    public void patchedSeries() {
        patchedSeries.increment();
    }

    /** Counts one read not tried because the database breaker was open. */
    public void databaseSkipped() {
        databaseSkipped.increment();
    }

    /** Counts entries recomputed into L2 by refresh-ahead after an invalidation. */
    public void refreshedAhead(long entries) {
        refreshedAhead.add(entries);
    }

    /** Counts a scope whose refresh-ahead failed (its entries are then computed by the next reader). */
    public void refreshFailed() {
        refreshFailures.increment();
    }

    /**
     * Sets every counter back to zero. For SnapStart's hooks only: what the priming requests
     * counted before the snapshot is no restored container's (see {@link FleetStats#reset()},
     * which must forget its flushed baseline at the same time). Not atomic with respect to
     * concurrent counting; no request runs while the hooks do.
     */
    public void reset() {
        for (LongAdder counter : List.of(l1Hits, l1Misses, l2Hits, l2Misses, misses, stale, l1Evictions,
                l1Expirations, l2Errors, l2Timeouts, l2Skipped, loads, loadNanos, loadFailures, databaseReads,
                databaseSkipped, redisConnects, refreshedAhead, refreshFailures, versionRepairFailures, patchedLoads, fullLoads, candleRowsRead,
                patchedSeries, l1Nanos, l2Nanos, databaseNanos, computeNanos)) {
            counter.reset();
        }
    }

    /** Adds the time of one candle read from the database. */
    public void databaseTime(long nanos) {
        databaseNanos.add(nanos);
    }

    /** Adds the time of one kernel run. */
    public void computeTime(long nanos) {
        computeNanos.add(nanos);
    }

    /**
     * The counters one invocation's metrics are the difference of: read at its start and at its
     * end (a Lambda container handles one invocation at a time).
     */
    public Totals totals() {
        return new Totals(l1Hits.sum(), l2Hits.sum(), misses.sum(), stale.sum(), databaseReads.sum(),
                l1Nanos.sum(), l2Nanos.sum(), databaseNanos.sum(), computeNanos.sum());
    }

    /** Lookups by outcome, candle reads, and nanoseconds spent per layer, since the container started. */
    public record Totals(long l1Hits, long l2Hits, long misses, long stale, long databaseReads,
                         long l1Nanos, long l2Nanos, long databaseNanos, long computeNanos) {
        /** What happened since {@code earlier}; never negative, even if the counters were reset meanwhile. */
        public Totals since(Totals earlier) {
            return new Totals(d(l1Hits, earlier.l1Hits), d(l2Hits, earlier.l2Hits), d(misses, earlier.misses),
                    d(stale, earlier.stale), d(databaseReads, earlier.databaseReads), d(l1Nanos, earlier.l1Nanos),
                    d(l2Nanos, earlier.l2Nanos), d(databaseNanos, earlier.databaseNanos),
                    d(computeNanos, earlier.computeNanos));
        }

        private static long d(long now, long before) {
            return Math.max(0, now - before);
        }
    }

    public long databaseReads() {
        return databaseReads.sum();
    }

    /** The monotonic counters by name: what the fleet totals add up. */
    public Map<String, Long> counters() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("l1Hits", l1Hits.sum());
        counters.put("l1Misses", l1Misses.sum());
        counters.put("l2Hits", l2Hits.sum());
        counters.put("l2Misses", l2Misses.sum());
        counters.put("misses", misses.sum());
        counters.put("stale", stale.sum());
        counters.put("l1Evictions", l1Evictions.sum());
        counters.put("l1Expirations", l1Expirations.sum());
        counters.put("l2Errors", l2Errors.sum());
        counters.put("l2Timeouts", l2Timeouts.sum());
        counters.put("l2Skipped", l2Skipped.sum());
        counters.put("loads", loads.sum());
        counters.put("loadMillis", loadNanos.sum() / 1_000_000);
        counters.put("loadFailures", loadFailures.sum());
        counters.put("databaseReads", databaseReads.sum());
        counters.put("databaseSkipped", databaseSkipped.sum());
        counters.put("redisConnects", redisConnects.sum());
        counters.put("refreshedAhead", refreshedAhead.sum());
        counters.put("refreshFailures", refreshFailures.sum());
        counters.put("versionRepairFailures", versionRepairFailures.sum());
        counters.put("patchedLoads", patchedLoads.sum());
        counters.put("fullLoads", fullLoads.sum());
        counters.put("candleRowsRead", candleRowsRead.sum());
        counters.put("patchedSeries", patchedSeries.sum());
        return counters;
    }

    /** Hits over lookups, 0 when there were none. */
    public static double hitRate(long hits, long lookups) {
        return lookups == 0 ? 0 : (double) hits / lookups;
    }
}
