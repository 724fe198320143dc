package com.chartfeed.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One log event, one line of JSON with flat fields, as CloudWatch Logs Insights reads them. */
class JsonLineEncoderTest {

    @Test
    void anEventIsOneLineOfJsonWithFlatFields() throws Exception {
        LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        Logger logger = context.getLogger("com.chartfeed.access");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO,
                "GET {} answered\n{}", new IllegalStateException("boom"), new Object[] {"/v1/x", "\"quoted\""});
        event.setMDCPropertyMap(Map.of("awsRequestId", "req-1", "function", "indicator"));
        event.addKeyValuePair(new KeyValuePair("status", 200));
        event.addKeyValuePair(new KeyValuePair("durationMs", 1.25));
        event.addKeyValuePair(new KeyValuePair("xCache", "HIT-L1"));
        JsonLineEncoder encoder = new JsonLineEncoder();
        encoder.setContext(context);
        encoder.start();

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        assertTrue(line.endsWith("\n"));
        assertEquals(1, line.strip().lines().count(), line);
        Map<String, Object> json = new ObjectMapper().readValue(line, new TypeReference<>() { });
        assertEquals("INFO", json.get("level"));
        assertEquals("com.chartfeed.access", json.get("loggerName"));
        assertEquals("GET /v1/x answered\n\"quoted\"", json.get("message"));
        assertEquals("req-1", json.get("awsRequestId"));
        assertEquals("indicator", json.get("function"));
        assertEquals(200, json.get("status"));
        assertEquals(1.25, json.get("durationMs"));
        assertEquals("HIT-L1", json.get("xCache"));
        assertEquals("java.lang.IllegalStateException", ((Map<?, ?>) json.get("throwable")).get("className"));
        assertTrue(json.get("timestamp") instanceof Number);
        for (String noise : List.of("sequenceNumber", "nanoseconds", "context", "arguments", "mdc", "kvpList")) {
            assertFalse(json.containsKey(noise), noise + " in " + line);
        }

        LoggingEvent plain = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, "plain", null, null);
        assertFalse(new String(encoder.encode(plain), StandardCharsets.UTF_8).contains("\"throwable\""));
    }
}
