package com.chartfeed.ingestion;

import java.util.List;

/** A whole Lambda invocation's event: its envelope and its records, in delivery order. */
public record IngestionEvent(EventKind kind, List<IngestionRecord> records) {

    public IngestionEvent {
        records = List.copyOf(records);
    }

    /** An event none of the envelopes fits: one rejected record saying why. */
    static IngestionEvent unrecognised(String id, String reason) {
        return new IngestionEvent(EventKind.UNRECOGNISED, List.of(IngestionRecord.rejected(id, reason)));
    }
}
