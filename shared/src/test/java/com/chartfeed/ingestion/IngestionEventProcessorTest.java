package com.chartfeed.ingestion;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.chartfeed.testing.IngestionEvents;
import com.chartfeed.testing.TestServices;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static com.chartfeed.testing.IngestionEvents.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The log line of each rejected record, and the answer to an event no envelope fits. */
class IngestionEventProcessorTest {
    private static ApplicationContext context;
    private static IngestionEventProcessor processor;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeAll
    static void start() {
        context = TestServices.startOnPostgres(Map.of("redis.uri", TestServices.redisUri(),
                "cache.redis-command-timeout", "250ms"));
        processor = context.getBean(IngestionEventProcessor.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(IngestionEventProcessor.class)).addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        ((Logger) LoggerFactory.getLogger(IngestionEventProcessor.class)).detachAppender(logs);
    }

    /** One line per rejected record, naming its id and reason; a CR/LF in the symbol cannot split it. */
    @Test
    void eachRejectedRecordIsOneLogLine() {
        String good = TestServices.uniqueSymbol("PLOG");
        processor.process(bytes(IngestionEvents.sqs(object(good, "1h"), object("EVIL\\r\\nFORGED", "1h"),
                "[]")), null);
        List<String> rejected = lines("ingestion record rejected");
        assertEquals(2, rejected.size(), rejected.toString());
        assertTrue(rejected.get(0).contains("kind=SQS id=\"" + IngestionEvents.messageId(1) + "\""), rejected.get(0));
        assertTrue(rejected.get(0).contains("reason=body: symbol: must match"), rejected.get(0));
        assertTrue(rejected.get(1).contains("id=\"" + IngestionEvents.messageId(2) + "\""), rejected.get(1));
        for (String line : rejected) {
            assertFalse(line.contains("\r") || line.contains("\n"), line);
        }
        assertFalse(rejected.toString().contains(good), "the valid record is not reported as rejected");
        assertEquals(1, lines("ingestion event: kind=SQS records=3 invalidated=1 rejected=2 failed=0").size(),
                lines("ingestion event").toString());
    }

    @Test
    void anEventOfNoKnownEnvelopeIsAnsweredAndLoggedNotThrown() throws IOException {
        byte[] answer = processor.process(bytes("{\"hello\":\"world\"}"), null);
        Map<String, Object> summary = context.getBean(JsonMapper.class).readValue(answer,
                Argument.mapOf(String.class, Object.class));
        assertEquals(List.of(), summary.get("invalidated"));
        assertEquals(List.of(), summary.get("failed"));
        List<?> rejected = (List<?>) summary.get("rejected");
        assertEquals(1, rejected.size());
        assertEquals(IngestionEventParser.UNRECOGNISED_ID, ((Map<?, ?>) rejected.get(0)).get("id"));
        assertEquals(1, lines("ingestion record rejected: kind=UNRECOGNISED id=\"" + IngestionEventParser.UNRECOGNISED_ID + "\"").size());
    }

    private List<String> lines(String containing) {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).filter(l -> l.contains(containing)).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
