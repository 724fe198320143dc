package com.chartfeed.ingestion;

import com.chartfeed.cache.CacheInvalidator;
import com.chartfeed.cache.L2Cache;
import com.chartfeed.candles.DatabaseFault;
import com.chartfeed.candles.Interval;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Invalidates the cache for each valid ingestion record through {@link CacheInvalidator}: one call
 * per distinct (symbol, interval) of the batch (a record of every interval is one bump of all its
 * versions already), so a batch repeating a target bumps it once, and every record gets an outcome.
 *
 * <p>Applying the same record twice is harmless, which is what makes SQS's and Lambda's
 * at-least-once delivery and retries safe: an invalidation only moves a version forward, and an
 * extra one only costs one recomputation of the affected series on their next read. So a record
 * whose version PostgreSQL could not record, or Redis did not take, is reported failed and
 * retried (a version Redis missed is also published by any container once Redis answers again).
 */
@Singleton
public final class InvalidationApplier {
    private static final Logger LOG = LoggerFactory.getLogger(InvalidationApplier.class);

    private final CacheInvalidator invalidator;

    public InvalidationApplier(CacheInvalidator invalidator) {
        this.invalidator = invalidator;
    }

    public InvalidationReport apply(List<IngestionRecord> records) {
        Map<Target, L2Cache.Publication> done = new HashMap<>();
        List<RecordOutcome> outcomes = new ArrayList<>(records.size());
        for (IngestionRecord record : records) {
            if (!record.isValid()) {
                outcomes.add(RecordOutcome.rejected(record.id(), record.rejection()));
                continue;
            }
            CandlesIngested event = record.event();
            L2Cache.Publication publication;
            try {
                publication = done.computeIfAbsent(new Target(event.symbol(), event.interval()),
                        t -> invalidator.invalidateForEvent(t.symbol(), t.interval()));
            } catch (RuntimeException e) {
                if (DatabaseFault.of(e) == DatabaseFault.NONE) {
                    throw e;
                }
                // The new version could not be recorded (unreachable, busy, or a failed query, which
                // is logged): nothing changed, and a retry will do it.
                if (DatabaseFault.of(e) == DatabaseFault.QUERY) {
                    LOG.error("recording a new version of {} failed", event.symbol(), e);
                }
                outcomes.add(RecordOutcome.failed(record.id(), event, "the database is unavailable; retry"));
                continue;
            }
            // Without an L2 there is no fleet to reach (NO_FLEET): containers read versions from PostgreSQL.
            if (publication == L2Cache.Publication.NOT_TAKEN) {
                outcomes.add(RecordOutcome.failed(record.id(), event, "Redis is unavailable; retry"));
            } else {
                outcomes.add(RecordOutcome.invalidated(record.id(), event, publication.reachedFleet()));
            }
        }
        return new InvalidationReport(outcomes);
    }

    private record Target(String symbol, @Nullable Interval interval) {
    }
}
