package com.chartfeed.ingestion;

import io.micronaut.core.annotation.Nullable;

/**
 * What became of one ingestion record.
 *
 * @param event     the validated object; {@code null} when rejected
 * @param reason    why it was rejected or failed; {@code null} when invalidated
 * @param fleetWide whether Redis took the invalidation (false with no L2 configured: L1 only, and
 *                  other containers catch up by TTL)
 */
public record RecordOutcome(String id, Status status, @Nullable CandlesIngested event, @Nullable String reason,
                            boolean fleetWide) {

    public enum Status {
        /** Every affected generation was incremented. */
        INVALIDATED,
        /** Malformed: no retry can ever apply it. */
        REJECTED,
        /** Transient: Redis was unavailable; a retry may succeed. */
        FAILED
    }

    static RecordOutcome invalidated(String id, CandlesIngested event, boolean fleetWide) {
        return new RecordOutcome(id, Status.INVALIDATED, event, null, fleetWide);
    }

    static RecordOutcome rejected(String id, String reason) {
        return new RecordOutcome(id, Status.REJECTED, null, reason, false);
    }

    static RecordOutcome failed(String id, CandlesIngested event, String reason) {
        return new RecordOutcome(id, Status.FAILED, event, reason, false);
    }
}
