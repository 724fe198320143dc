package com.chartfeed.ingestion;

import io.micronaut.core.annotation.Nullable;

/**
 * One record of an ingestion event: the validated object, or why it was rejected. Keyed by the id
 * its envelope gives it (SQS {@code messageId}, SNS {@code MessageId}, EventBridge {@code id}), the
 * id an SQS batch response must name.
 */
public record IngestionRecord(String id, @Nullable CandlesIngested event, @Nullable String rejection) {

    public IngestionRecord {
        if ((event == null) == (rejection == null)) {
            throw new IllegalArgumentException("a record is either valid or rejected");
        }
    }

    public static IngestionRecord valid(String id, CandlesIngested event) {
        return new IngestionRecord(id, event, null);
    }

    public static IngestionRecord rejected(String id, String reason) {
        return new IngestionRecord(id, null, reason);
    }

    public boolean isValid() {
        return event != null;
    }
}
