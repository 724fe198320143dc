package com.chartfeed.ingestion;

import com.chartfeed.candles.Interval;
import com.chartfeed.testing.IngestionEvents;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.chartfeed.testing.IngestionEvents.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three envelopes and every way a record can be malformed, from the sample events in infra/events. */
class IngestionEventParserTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final IngestionEventParser PARSER = new IngestionEventParser(JSON);

    @Test
    void snsSample() throws IOException {
        String text = IngestionEvents.sample(IngestionEvents.SNS);
        IngestionEvent event = parse(text);
        assertEquals(EventKind.SNS, event.kind());
        assertEquals(1, event.records().size());
        Map<String, Object> sns = map(records(text).get(0).get("Sns"));
        assertPublished(map(JSON.readValue((String) sns.get("Message"), Argument.OBJECT_ARGUMENT)),
                (String) sns.get("MessageId"), event.records().get(0));
    }

    @Test
    void eventBridgeSample() throws IOException {
        String text = IngestionEvents.sample(IngestionEvents.EVENTBRIDGE);
        IngestionEvent event = parse(text);
        assertEquals(EventKind.EVENTBRIDGE, event.kind());
        assertEquals(1, event.records().size());
        Map<String, Object> raw = map(JSON.readValue(text, Argument.OBJECT_ARGUMENT));
        assertPublished(map(raw.get("detail")), (String) raw.get("id"), event.records().get(0));
    }

    /** Plain object body, SNS-envelope body, malformed body: two valid records and one rejected, in order. */
    @Test
    void sqsSample() throws IOException {
        String text = IngestionEvents.sample(IngestionEvents.SQS);
        IngestionEvent event = parse(text);
        assertEquals(EventKind.SQS, event.kind());
        List<Map<String, Object>> raw = records(text);
        assertEquals(raw.size(), event.records().size());

        String plainBody = (String) raw.get(0).get("body");
        assertPublished(map(JSON.readValue(plainBody, Argument.OBJECT_ARGUMENT)), (String) raw.get(0).get("messageId"),
                event.records().get(0));

        Map<String, Object> envelope = map(JSON.readValue((String) raw.get(1).get("body"), Argument.OBJECT_ARGUMENT));
        assertEquals("Notification", envelope.get("Type"));
        assertPublished(map(JSON.readValue((String) envelope.get("Message"), Argument.OBJECT_ARGUMENT)),
                (String) raw.get(1).get("messageId"), event.records().get(1));

        IngestionRecord malformed = event.records().get(2);
        assertEquals(raw.get(2).get("messageId"), malformed.id());
        assertFalse(malformed.isValid());
        assertTrue(malformed.rejection().startsWith("body: interval:"), malformed.rejection());
    }

    @Test
    void symbolIsCanonicalAndAnAbsentIntervalMeansEveryInterval() {
        for (String object : List.of("{\"symbol\":\"brk.b\"}", "{\"symbol\":\"brk.b\",\"interval\":null}")) {
            for (IngestionEvent event : inEveryEnvelope(object)) {
                CandlesIngested parsed = event.records().get(0).event();
                assertEquals("BRK.B", parsed.symbol(), event.kind().name());
                assertNull(parsed.interval());
                assertNull(parsed.from());
                assertNull(parsed.to());
                assertEquals(List.of(Interval.values()), parsed.intervals());
            }
        }
    }

    @Test
    void unknownFieldsAreIgnored() {
        String object = "{\"symbol\":\"MSFT\",\"interval\":\"1d\",\"rows\":42,\"source\":{\"feed\":\"x\"}}";
        for (IngestionEvent event : inEveryEnvelope(object)) {
            assertEquals(new CandlesIngested("MSFT", Interval.D1, null, null), event.records().get(0).event());
        }
    }

    @Test
    void fromEqualToToIsOneCandle() {
        for (IngestionEvent event : inEveryEnvelope("{\"symbol\":\"X\",\"interval\":\"1m\",\"from\":60,\"to\":60}")) {
            assertEquals(new CandlesIngested("X", Interval.M1, 60L, 60L), event.records().get(0).event());
        }
    }

    static Stream<Arguments> malformedObjects() {
        String longSymbol = "A".repeat(300);
        return Stream.of(
                Arguments.of("missing symbol", "{\"interval\":\"1h\"}", "symbol: is required"),
                Arguments.of("null symbol", "{\"symbol\":null,\"interval\":\"1h\"}", "symbol: is required"),
                Arguments.of("empty symbol", "{\"symbol\":\"\",\"interval\":\"1h\"}", "symbol: must match"),
                Arguments.of("symbol A*B", object("A*B", "1h"), "symbol: must match"),
                Arguments.of("symbol with CR/LF", object("AA\\r\\nPL", "1h"), "symbol: must match"),
                Arguments.of("symbol of 300 chars", object(longSymbol, "1h"), "symbol: must match"),
                Arguments.of("symbol a number", "{\"symbol\":42}", "symbol: must match"),
                Arguments.of("interval 7m", object("AAPL", "7m"), "interval: must be one of"),
                Arguments.of("interval 1H", object("AAPL", "1H"), "interval: must be one of"),
                Arguments.of("interval a number", "{\"symbol\":\"AAPL\",\"interval\":60}", "interval: must be one of"),
                Arguments.of("from > to", "{\"symbol\":\"AAPL\",\"from\":1700003600,\"to\":1700000000}",
                        "from: must not be after to"),
                Arguments.of("from a fraction", "{\"symbol\":\"AAPL\",\"from\":1700000000.5}", "from: must be an integer"),
                Arguments.of("from with a decimal point", "{\"symbol\":\"AAPL\",\"from\":1700000000.0}",
                        "from: must be an integer"),
                Arguments.of("from in exponent form", "{\"symbol\":\"AAPL\",\"from\":1.7e9}", "from: must be an integer"),
                Arguments.of("to a string", "{\"symbol\":\"AAPL\",\"to\":\"1700003600\"}", "to: must be an integer"),
                Arguments.of("to negative", "{\"symbol\":\"AAPL\",\"to\":-1}", "to: must be an integer"),
                Arguments.of("to beyond a long", "{\"symbol\":\"AAPL\",\"to\":99999999999999999999999}",
                        "to: must be an integer"),
                Arguments.of("to a boolean", "{\"symbol\":\"AAPL\",\"to\":true}", "to: must be an integer"),
                Arguments.of("an array", "[" + object("AAPL", "1h") + "]", "must be a JSON object, got an array"),
                Arguments.of("a string", "\"AAPL\"", "must be a JSON object"),
                Arguments.of("a number", "17", "must be a JSON object"),
                Arguments.of("null", "null", "must be a JSON object"));
    }

    /** Each malformed object is rejected in every envelope, with a reason naming the field, and no raw text in it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedObjects")
    void malformedObjectIsRejectedInEveryEnvelope(String name, String object, String expectedReason) {
        List<IngestionEvent> events = inEveryEnvelope(object);
        assertEquals(4, events.size());
        for (IngestionEvent event : events) {
            assertEquals(1, event.records().size(), event.kind().name());
            IngestionRecord record = event.records().get(0);
            assertFalse(record.isValid(), event.kind() + ": " + record);
            assertTrue(record.rejection().contains(expectedReason), event.kind() + ": " + record.rejection());
            assertSafe(record.rejection());
        }
    }

    @Test
    void severalErrorsOfOneObjectAreAllNamed() {
        IngestionRecord record = parse(IngestionEvents.sqs("{\"symbol\":\"A*B\",\"interval\":\"7m\",\"from\":2.5}"))
                .records().get(0);
        for (String field : List.of("symbol:", "interval:", "from:")) {
            assertTrue(record.rejection().contains(field), record.rejection());
        }
    }

    @Test
    void userTextInAReasonIsQuotedEscapedAndBounded() {
        IngestionRecord crlf = parse(IngestionEvents.sqs(object("AA\\r\\nPL", "1h"))).records().get(0);
        assertTrue(crlf.rejection().contains("\"AA\\u000d\\u000aPL\""), crlf.rejection());
        IngestionRecord huge = parse(IngestionEvents.sns(object("B".repeat(300), "1h"))).records().get(0);
        assertTrue(huge.rejection().length() < 200, huge.rejection());
    }

    @Test
    void notJsonAnywhere() {
        assertRejected(parse("this is not JSON {"), EventKind.UNRECOGNISED, "event is not JSON");
        assertRejected(parse(IngestionEvents.sqs("not JSON")), EventKind.SQS, "body is not JSON");
        assertRejected(parse(IngestionEvents.sqs(IngestionEvents.snsEnvelope("not JSON"))), EventKind.SQS,
                "Message is not JSON");
        assertRejected(parse(IngestionEvents.sns("{\"symbol\":")), EventKind.SNS, "Message is not JSON");
    }

    @Test
    void eventBridgeOfAnotherSourceOrDetailTypeIsRejected() {
        String detail = object("AAPL", "1h");
        assertRejected(parse(IngestionEvents.eventBridge("aws.ec2", "CandlesIngested", detail)), EventKind.EVENTBRIDGE,
                "source must be \"candles.ingestion\", got \"aws.ec2\"");
        assertRejected(parse(IngestionEvents.eventBridge("candles.ingestion", "EC2 Instance State-change Notification",
                detail)), EventKind.EVENTBRIDGE, "detail-type must be \"CandlesIngested\"");
        assertRejected(parse(IngestionEvents.eventBridge("Candles.Ingestion", "candlesingested", detail)),
                EventKind.EVENTBRIDGE, "source must be");
        String id = parse(IngestionEvents.sample(IngestionEvents.EVENTBRIDGE)).records().get(0).id();
        assertEquals(id, parse(IngestionEvents.eventBridge("aws.ec2", "x", detail)).records().get(0).id(),
                "a rejected EventBridge event keeps its id");
    }

    @Test
    void eventsOfNoKnownEnvelope() {
        assertRejected(parse("[1,2]"), EventKind.UNRECOGNISED, "event must be a JSON object, got an array");
        assertRejected(parse("{\"symbol\":\"AAPL\",\"interval\":\"1h\"}"), EventKind.UNRECOGNISED,
                "neither an SNS notification, an SQS batch nor an EventBridge event");
        assertRejected(parse("{\"Records\":[]}"), EventKind.UNRECOGNISED, "Records must be a non-empty array");
        assertRejected(parse("{\"Records\":[{\"eventSource\":\"aws:kinesis\"}]}"), EventKind.UNRECOGNISED,
                "neither SQS messages");
    }

    @Test
    void snsEnvelopeInSqsMustBeANotificationWithAStringMessage() throws IOException {
        String confirmation = IngestionEvents.snsEnvelope(object("AAPL", "1h"))
                .replace("\"Notification\"", "\"SubscriptionConfirmation\"");
        assertRejected(parse(IngestionEvents.sqs(confirmation)), EventKind.SQS, "not a Notification");
        Map<String, Object> sns = map(JSON.readValue(IngestionEvents.sample(IngestionEvents.SNS), Argument.OBJECT_ARGUMENT));
        Map<String, Object> notification = map(records(JSON.writeValueAsString(sns)).get(0).get("Sns"));
        notification.put("Message", Map.of("symbol", "AAPL", "interval", "1h"));
        sns.put("Records", List.of(Map.of("EventSource", "aws:sns", "Sns", notification)));
        assertRejected(parse(JSON.writeValueAsString(sns)), EventKind.SNS, "Message must be the object as a JSON string");
    }

    /** A malformed record between two good ones changes nothing for them; order and ids are kept. */
    @Test
    void aMalformedRecordDoesNotDisturbTheOthers() {
        IngestionEvent event = parse(IngestionEvents.sqs(object("AAA", "1h"), "[]", object("BBB", "4h"),
                IngestionEvents.snsEnvelope(object("CCC", "1w"))));
        List<String> ids = event.records().stream().map(IngestionRecord::id).toList();
        assertEquals(List.of(IngestionEvents.messageId(0), IngestionEvents.messageId(1), IngestionEvents.messageId(2),
                IngestionEvents.messageId(3)), ids);
        assertEquals(new CandlesIngested("AAA", Interval.H1, 1700000000L, 1700003600L), event.records().get(0).event());
        assertFalse(event.records().get(1).isValid());
        assertEquals(new CandlesIngested("BBB", Interval.H4, 1700000000L, 1700003600L), event.records().get(2).event());
        assertEquals(new CandlesIngested("CCC", Interval.W1, 1700000000L, 1700003600L), event.records().get(3).event());
    }

    @Test
    void aRecordWithoutIdGetsItsPosition() {
        String withoutId = IngestionEvents.sqs(object("AAPL", "1h"), object("AAPL", "1d"))
                .replace("\"messageId\":\"" + IngestionEvents.messageId(1) + "\",", "");
        assertEquals("Records[1]", parse(withoutId).records().get(1).id());
    }

    @Test
    void aRecordCannotBeBuiltUnvalidated() {
        assertThrows(IllegalArgumentException.class, () -> new CandlesIngested("aapl", Interval.H1, null, null));
        assertThrows(IllegalArgumentException.class, () -> new CandlesIngested("A*B", Interval.H1, null, null));
        assertThrows(IllegalArgumentException.class, () -> new CandlesIngested("AAPL", null, 10L, 9L));
        assertThrows(IllegalArgumentException.class, () -> IngestionRecord.rejected("id", null));
    }

    /** The object as the SQS body, inside an SNS envelope in an SQS body, as the SNS Message, as EventBridge detail. */
    private static List<IngestionEvent> inEveryEnvelope(String object) {
        List<IngestionEvent> events = new ArrayList<>();
        events.add(parse(IngestionEvents.sqs(object)));
        events.add(parse(IngestionEvents.sqs(IngestionEvents.snsEnvelope(object))));
        events.add(parse(IngestionEvents.sns(object)));
        events.add(parse(IngestionEvents.eventBridge(IngestionEventParser.EVENTBRIDGE_SOURCE,
                IngestionEventParser.EVENTBRIDGE_DETAIL_TYPE, object)));
        return events;
    }

    private static void assertPublished(Map<String, Object> published, String id, IngestionRecord record) {
        assertTrue(record.isValid(), String.valueOf(record.rejection()));
        assertEquals(id, record.id());
        CandlesIngested event = record.event();
        assertEquals(published.get("symbol"), event.symbol());
        assertEquals(published.get("interval"), event.interval().code());
        assertEquals(((Number) published.get("from")).longValue(), event.from());
        assertEquals(((Number) published.get("to")).longValue(), event.to());
    }

    private static void assertRejected(IngestionEvent event, EventKind kind, String reason) {
        assertEquals(kind, event.kind());
        assertEquals(1, event.records().size());
        IngestionRecord record = event.records().get(0);
        assertFalse(record.isValid());
        assertTrue(record.rejection().contains(reason), record.rejection());
        assertSafe(record.rejection());
    }

    private static void assertSafe(String reason) {
        assertFalse(reason.contains("\r") || reason.contains("\n"), reason);
        assertTrue(reason.length() < 400, reason);
    }

    private static IngestionEvent parse(String json) {
        return PARSER.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> records(String json) throws IOException {
        return (List<Map<String, Object>>) map(JSON.readValue(json, Argument.OBJECT_ARGUMENT)).get("Records");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
