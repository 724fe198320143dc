package com.chartfeed.ingestion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the raw JSON of a Lambda invocation in any of the three envelopes docs/api.md names, and yields
 * one {@link IngestionRecord} per record, valid or rejected with a reason. Nothing here throws on
 * bad input: a malformed record must never stop the others.
 *
 * <ul>
 *   <li>SNS: {@code Records[].Sns.Message} is the object, as a string.</li>
 *   <li>EventBridge: {@code source} {@value #EVENTBRIDGE_SOURCE}, {@code detail-type}
 *       {@value #EVENTBRIDGE_DETAIL_TYPE}, the object as {@code detail}.</li>
 *   <li>SQS: {@code Records[].body} is the object, or (an SNS-to-SQS subscription without raw
 *       delivery) the SNS notification JSON with the object as its {@code Message} string.</li>
 * </ul>
 */
@Singleton
public final class IngestionEventParser {
    public static final String EVENTBRIDGE_SOURCE = "candles.ingestion";
    public static final String EVENTBRIDGE_DETAIL_TYPE = "CandlesIngested";
    /** The id of an event no envelope fits, which has no id of its own to report. */
    public static final String UNRECOGNISED_ID = "event";

    private final JsonMapper json;

    public IngestionEventParser(JsonMapper json) {
        this.json = json;
    }

    public IngestionEvent parse(byte[] rawEvent) {
        JsonNode root = read(rawEvent);
        if (root == null) {
            return IngestionEvent.unrecognised(UNRECOGNISED_ID, "event is not JSON");
        }
        if (!root.isObject()) {
            return IngestionEvent.unrecognised(UNRECOGNISED_ID, "event must be a JSON object, got "
                    + JsonText.describe(root));
        }
        JsonNode records = root.get("Records");
        if (records != null) {
            return records(records);
        }
        if (root.get("detail-type") != null || root.get("source") != null) {
            return new IngestionEvent(EventKind.EVENTBRIDGE, List.of(eventBridge(root)));
        }
        return IngestionEvent.unrecognised(UNRECOGNISED_ID,
                "event is neither an SNS notification, an SQS batch nor an EventBridge event");
    }

    private IngestionEvent records(JsonNode records) {
        if (!records.isArray() || records.size() == 0) {
            return IngestionEvent.unrecognised(UNRECOGNISED_ID, "Records must be a non-empty array");
        }
        JsonNode first = records.get(0);
        EventKind kind;
        if ("aws:sqs".equals(JsonText.string(first, "eventSource"))) {
            kind = EventKind.SQS;
        } else if ("aws:sns".equals(JsonText.string(first, "EventSource"))) {
            kind = EventKind.SNS;
        } else {
            return IngestionEvent.unrecognised(UNRECOGNISED_ID,
                    "Records are neither SQS messages (eventSource aws:sqs) nor SNS notifications (EventSource aws:sns)");
        }
        List<IngestionRecord> parsed = new ArrayList<>(records.size());
        int index = 0;
        for (JsonNode record : records.values()) {
            parsed.add(kind == EventKind.SQS ? sqs(record, index) : sns(record, index));
            index++;
        }
        return new IngestionEvent(kind, parsed);
    }

    private IngestionRecord sqs(JsonNode record, int index) {
        String id = idOr(JsonText.string(record, "messageId"), index);
        String body = JsonText.string(record, "body");
        if (body == null) {
            return IngestionRecord.rejected(id, "body is missing");
        }
        JsonNode object = read(body.getBytes(StandardCharsets.UTF_8));
        if (object == null) {
            return IngestionRecord.rejected(id, "body is not JSON");
        }
        if (object.isObject() && object.get("Type") != null && object.get("Message") != null) {
            return snsEnvelope(id, object);
        }
        return validated(id, "body", object);
    }

    /** An SNS notification delivered to SQS without raw message delivery. */
    private IngestionRecord snsEnvelope(String id, JsonNode envelope) {
        String type = JsonText.string(envelope, "Type");
        if (!"Notification".equals(type)) {
            return IngestionRecord.rejected(id, "body is an SNS message of Type "
                    + JsonText.describe(envelope.get("Type")) + ", not a Notification");
        }
        return message(id, envelope.get("Message"));
    }

    private IngestionRecord sns(JsonNode record, int index) {
        JsonNode sns = record.isObject() ? record.get("Sns") : null;
        String id = idOr(JsonText.string(sns, "MessageId"), index);
        if (sns == null || !sns.isObject()) {
            return IngestionRecord.rejected(id, "Sns is missing");
        }
        return message(id, sns.get("Message"));
    }

    /** An SNS {@code Message}: the published object as a string. */
    private IngestionRecord message(String id, @Nullable JsonNode message) {
        if (message == null || !message.isString()) {
            return IngestionRecord.rejected(id, "Message must be the object as a JSON string, got "
                    + JsonText.describe(message));
        }
        JsonNode object = read(message.getStringValue().getBytes(StandardCharsets.UTF_8));
        if (object == null) {
            return IngestionRecord.rejected(id, "Message is not JSON");
        }
        return validated(id, "Message", object);
    }

    private IngestionRecord eventBridge(JsonNode event) {
        String id = JsonText.string(event, "id");
        id = id == null ? UNRECOGNISED_ID : id;
        String source = JsonText.string(event, "source");
        if (!EVENTBRIDGE_SOURCE.equals(source)) {
            return IngestionRecord.rejected(id, "source must be \"" + EVENTBRIDGE_SOURCE + "\", got "
                    + JsonText.describe(event.get("source")));
        }
        String detailType = JsonText.string(event, "detail-type");
        if (!EVENTBRIDGE_DETAIL_TYPE.equals(detailType)) {
            return IngestionRecord.rejected(id, "detail-type must be \"" + EVENTBRIDGE_DETAIL_TYPE + "\", got "
                    + JsonText.describe(event.get("detail-type")));
        }
        return validated(id, "detail", event.get("detail"));
    }

    private static IngestionRecord validated(String id, String where, @Nullable JsonNode object) {
        try {
            return IngestionRecord.valid(id, CandlesIngested.fromJson(object));
        } catch (MalformedRecordException e) {
            return IngestionRecord.rejected(id, where + ": " + e.reason());
        }
    }

    /** The parsed tree, or {@code null} if the text is not JSON. */
    private @Nullable JsonNode read(byte[] text) {
        try {
            JsonNode node = json.readValue(text, JsonNode.class);
            return node == null ? JsonNode.nullNode() : node;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    /**
     * A record without an id cannot be named in a batch response; a made-up one makes Lambda treat
     * the whole SQS batch as failed, which is the safe outcome for a broken envelope.
     */
    private static String idOr(@Nullable String id, int index) {
        return id == null || id.isEmpty() ? "Records[" + index + "]" : id;
    }
}
