package com.chartfeed.ingestion;

import com.chartfeed.cache.CacheKey;
import com.chartfeed.candles.Interval;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The outcome of every record of one event, in delivery order, and the two answers Lambda expects
 * from it: an SQS batch response or a summary.
 */
public record InvalidationReport(List<RecordOutcome> outcomes) {

    public InvalidationReport {
        outcomes = List.copyOf(outcomes);
    }

    public List<RecordOutcome> invalidated() {
        return with(RecordOutcome.Status.INVALIDATED);
    }

    public List<RecordOutcome> rejected() {
        return with(RecordOutcome.Status.REJECTED);
    }

    public List<RecordOutcome> failed() {
        return with(RecordOutcome.Status.FAILED);
    }

    /**
     * The (symbol, interval) scopes whose cached values were just invalidated, each once: what
     * {@link RefreshAhead} recomputes the most read entries of.
     */
    public List<CacheKey.Scope> invalidatedScopes() {
        Set<CacheKey.Scope> scopes = new LinkedHashSet<>();
        for (RecordOutcome outcome : invalidated()) {
            for (Interval interval : outcome.event().intervals()) {
                scopes.add(new CacheKey.Scope(outcome.event().symbol(), interval));
            }
        }
        return List.copyOf(scopes);
    }

    /**
     * SQS partial batch response: the malformed and the transiently failed records, which SQS makes
     * visible again; a malformed one ends in the dead-letter queue after {@code maxReceiveCount}.
     */
    public SqsBatchResponse sqsBatchResponse() {
        return new SqsBatchResponse(outcomes.stream()
                .filter(o -> o.status() != RecordOutcome.Status.INVALIDATED)
                .map(o -> new SqsBatchResponse.ItemFailure(o.id()))
                .toList());
    }

    public Summary summary() {
        return new Summary(
                invalidated().stream().map(o -> new Summary.Invalidated(o.id(), o.event().symbol(),
                        o.event().intervals().stream().map(Interval::code).toList(), o.fleetWide())).toList(),
                rejected().stream().map(o -> new Summary.RecordError(o.id(), o.reason())).toList(),
                failed().stream().map(o -> new Summary.RecordError(o.id(), o.reason())).toList());
    }

    private List<RecordOutcome> with(RecordOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).toList();
    }

    /**
     * {@code {"batchItemFailures":[{"itemIdentifier":"<messageId>"}]}}, as Lambda's SQS integration
     * reads it; the list is written even when empty (serde would leave it out), as AWS documents it.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SqsBatchResponse(List<ItemFailure> batchItemFailures) {
        @Serdeable
        public record ItemFailure(String itemIdentifier) {
        }
    }

    /** {@code {"invalidated":[...],"rejected":[{"id","reason"}],"failed":[{"id","reason"}]}}, empty lists included. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Summary(List<Invalidated> invalidated, List<RecordError> rejected, List<RecordError> failed) {
        @Serdeable
        public record Invalidated(String id, String symbol, List<String> intervals, boolean fleetWide) {
        }

        @Serdeable
        public record RecordError(String id, String reason) {
        }
    }
}
