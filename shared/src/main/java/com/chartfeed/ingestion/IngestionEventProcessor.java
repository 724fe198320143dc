package com.chartfeed.ingestion;

import com.chartfeed.api.QueryParser;
import com.chartfeed.cache.FleetStats;
import com.chartfeed.cache.RefreshAheadSettings;
import com.chartfeed.metrics.WorkCounters;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * One candle-ingestion event end to end, as the invalidation Lambda receives it: raw JSON in,
 * parsed, applied, logged, and answered the way its event source expects.
 *
 * <ul>
 *   <li>SQS: {@code {"batchItemFailures":[{"itemIdentifier":...}]}} naming the malformed and the
 *       transiently failed records, which SQS redelivers (malformed ones end in the DLQ).</li>
 *   <li>SNS, EventBridge (and an event none of them fits): {@code {"invalidated":[...],
 *       "rejected":[{"id","reason"}],"failed":[...]}}; if any record failed transiently, an
 *       {@link InvalidationUnavailableException} instead, for Lambda's asynchronous retries.</li>
 * </ul>
 * A malformed record is logged (one line: kind, id, reason) and reported; it never stops the
 * others and never makes an invocation fail.
 *
 * <p>After the invalidation, {@link RefreshAhead} recomputes the most read entries of the
 * invalidated scopes, within {@code cache.refresh-ahead.deadline} and the Lambda's remaining time.
 * It only ever adds work: whatever becomes of it, the answer is the invalidation's.
 */
@Singleton
public final class IngestionEventProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(IngestionEventProcessor.class);

    private final IngestionEventParser parser;
    private final InvalidationApplier applier;
    private final RefreshAhead refresher;
    private final RefreshAheadSettings refreshSettings;
    private final FleetStats fleet;
    private final JsonMapper json;
    private final WorkCounters counters;

    public IngestionEventProcessor(IngestionEventParser parser, InvalidationApplier applier, RefreshAhead refresher,
                                   RefreshAheadSettings refreshSettings, FleetStats fleet, JsonMapper json,
                                   WorkCounters counters) {
        this.counters = counters;
        this.parser = parser;
        this.applier = applier;
        this.refresher = refresher;
        this.refreshSettings = refreshSettings;
        this.fleet = fleet;
        this.json = json;
    }

    /**
     * @param lambdaTimeLeft what the Lambda invocation has left, or {@code null} outside Lambda
     * @return the answer's JSON
     * @throws InvalidationUnavailableException for an SNS or EventBridge event that did not reach Redis
     */
    public byte[] process(byte[] rawEvent, @Nullable Duration lambdaTimeLeft) {
        long received = System.nanoTime();
        IngestionEvent event = parser.parse(rawEvent);
        InvalidationReport report = applier.apply(event.records());
        counters.ingestion(report.outcomes().size(), report.outcomes().size() - report.invalidated().size(),
                report.invalidatedScopes().size());
        long start = System.nanoTime();
        RefreshAhead.Result refreshed = refresh(report, deadline(start, received, lambdaTimeLeft));
        log(event.kind(), report, refreshed, System.nanoTime() - start);
        if (event.kind() == EventKind.SQS) {
            return write(report.sqsBatchResponse());
        }
        if (!report.failed().isEmpty()) {
            throw new InvalidationUnavailableException(event.kind() + " event not applied, Redis is unavailable: "
                    + report.failed().stream().map(o -> QueryParser.shown(o.id())).collect(Collectors.joining(", ")));
        }
        return write(report.summary());
    }

    private RefreshAhead.Result refresh(InvalidationReport report, long deadlineNanos) {
        if (!refresher.enabled() || report.invalidatedScopes().isEmpty()) {
            return RefreshAhead.Result.NONE;
        }
        try {
            return refresher.refresh(report.invalidatedScopes(), deadlineNanos);
        } catch (RuntimeException e) {
            LOG.warn("refresh-ahead failed: {}", e.toString());
            return new RefreshAhead.Result(0, 0, report.invalidatedScopes().size());
        } finally {
            // This function serves no reads, so nothing else would add its counters to the fleet's.
            fleet.maybeFlush();
        }
    }

    /**
     * When refreshing must stop ({@link System#nanoTime}): the configured deadline from now, but
     * never past what the Lambda invocation had left when the event came, less the reserve.
     */
    private long deadline(long nowNanos, long receivedNanos, @Nullable Duration lambdaTimeLeft) {
        long deadline = nowNanos + refreshSettings.deadline().toNanos();
        if (lambdaTimeLeft != null) {
            deadline = Math.min(deadline, receivedNanos + lambdaTimeLeft.minus(refreshSettings.lambdaReserve()).toNanos());
        }
        return deadline;
    }

    private static void log(EventKind kind, InvalidationReport report, RefreshAhead.Result refreshed,
                            long refreshNanos) {
        // Reasons quote and escape any publisher text, so a CR/LF in a symbol cannot forge log lines.
        for (RecordOutcome rejected : report.rejected()) {
            LOG.warn("ingestion record rejected: kind={} id={} reason={}", kind, QueryParser.shown(rejected.id()),
                    rejected.reason());
        }
        for (RecordOutcome failed : report.failed()) {
            LOG.warn("ingestion record failed: kind={} id={} symbol={} reason={}", kind,
                    QueryParser.shown(failed.id()), failed.event().symbol(), failed.reason());
        }
        LOG.info("ingestion event: kind={} records={} invalidated={} rejected={} failed={} refreshed={} "
                        + "refreshSkipped={} refreshFailed={} refreshMillis={}", kind, report.outcomes().size(),
                report.invalidated().size(), report.rejected().size(), report.failed().size(), refreshed.entries(),
                refreshed.skipped(), refreshed.failed(), refreshNanos / 1_000_000);
    }

    private byte[] write(Object answer) {
        try {
            return json.writeValueAsBytes(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
