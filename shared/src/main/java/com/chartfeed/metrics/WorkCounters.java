package com.chartfeed.metrics;

import jakarta.inject.Singleton;

import java.util.concurrent.atomic.LongAdder;

/**
 * This container's counts of the work the functions did besides the cache's lookups: batch items,
 * ingestion records and the scopes they invalidated. Monotonic, like {@link com.chartfeed.cache.CacheStats};
 * {@link InvocationMetrics} reports what one invocation added.
 */
@Singleton
public final class WorkCounters {
    private final LongAdder batchItems = new LongAdder();
    private final LongAdder ingestionRecords = new LongAdder();
    private final LongAdder ingestionRecordsFailed = new LongAdder();
    private final LongAdder invalidatedScopes = new LongAdder();

    /** A batch of {@code items} requests was answered. */
    public void batch(int items) {
        batchItems.add(items);
    }

    /**
     * An ingestion event of {@code records} records was applied: {@code failed} of them were not
     * (malformed, or Redis unavailable), and {@code scopes} (symbol, interval) were invalidated.
     */
    public void ingestion(int records, int failed, int scopes) {
        ingestionRecords.add(records);
        ingestionRecordsFailed.add(failed);
        invalidatedScopes.add(scopes);
    }

    Totals totals() {
        return new Totals(batchItems.sum(), ingestionRecords.sum(), ingestionRecordsFailed.sum(),
                invalidatedScopes.sum());
    }

    record Totals(long batchItems, long ingestionRecords, long ingestionRecordsFailed, long invalidatedScopes) {
        Totals since(Totals earlier) {
            return new Totals(batchItems - earlier.batchItems, ingestionRecords - earlier.ingestionRecords,
                    ingestionRecordsFailed - earlier.ingestionRecordsFailed,
                    invalidatedScopes - earlier.invalidatedScopes);
        }
    }
}
