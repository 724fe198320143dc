package com.chartfeed.ingestion;

import com.chartfeed.api.QueryParser;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 */
@Singleton
public final class IngestionEventProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(IngestionEventProcessor.class);

    private final IngestionEventParser parser;
    private final InvalidationApplier applier;
    private final JsonMapper json;

    public IngestionEventProcessor(IngestionEventParser parser, InvalidationApplier applier, JsonMapper json) {
        this.parser = parser;
        this.applier = applier;
        this.json = json;
    }

    /**
     * @return the answer's JSON
     * @throws InvalidationUnavailableException for an SNS or EventBridge event that did not reach Redis
     */
    public byte[] process(byte[] rawEvent) {
        IngestionEvent event = parser.parse(rawEvent);
        InvalidationReport report = applier.apply(event.records());
        log(event.kind(), report);
        if (event.kind() == EventKind.SQS) {
            return write(report.sqsBatchResponse());
        }
        if (!report.failed().isEmpty()) {
            throw new InvalidationUnavailableException(event.kind() + " event not applied, Redis is unavailable: "
                    + report.failed().stream().map(o -> QueryParser.shown(o.id())).collect(Collectors.joining(", ")));
        }
        return write(report.summary());
    }

    private static void log(EventKind kind, InvalidationReport report) {
        // Reasons quote and escape any publisher text, so a CR/LF in a symbol cannot forge log lines.
        for (RecordOutcome rejected : report.rejected()) {
            LOG.warn("ingestion record rejected: kind={} id={} reason={}", kind, QueryParser.shown(rejected.id()),
                    rejected.reason());
        }
        for (RecordOutcome failed : report.failed()) {
            LOG.warn("ingestion record failed: kind={} id={} symbol={} reason={}", kind,
                    QueryParser.shown(failed.id()), failed.event().symbol(), failed.reason());
        }
        LOG.info("ingestion event: kind={} records={} invalidated={} rejected={} failed={}", kind,
                report.outcomes().size(), report.invalidated().size(), report.rejected().size(),
                report.failed().size());
    }

    private byte[] write(Object answer) {
        try {
            return json.writeValueAsBytes(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
