package com.chartfeed.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
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

    @AfterEach
    void clear() {
        System.clearProperty(XRayTrace.PROPERTY);
    }

    /**
     * Lambda's Java runtime sets each invocation's trace header as a system property: every line
     * written meanwhile, on any thread, carries its Root as traceId; without one, no field.
     */
    @Test
    void aLineWrittenDuringATracedInvocationCarriesItsTraceId() throws Exception {
        LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        JsonLineEncoder encoder = new JsonLineEncoder();
        encoder.setContext(context);
        encoder.start();
        ObjectMapper json = new ObjectMapper();
        Logger logger = context.getLogger("com.chartfeed.cache.VersionRepair");

        assertFalse(json.readValue(encoder.encode(new LoggingEvent(Logger.class.getName(), logger, Level.INFO,
                "before", null, null)), Map.class).containsKey("traceId"));

        System.setProperty(XRayTrace.PROPERTY, "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        Map<?, ?> traced = json.readValue(encoder.encode(new LoggingEvent(Logger.class.getName(), logger, Level.WARN,
                "during", null, null)), Map.class);
        assertEquals("1-5759e988-bd862e3fe1be46a994272793", traced.get("traceId"));
        assertEquals("during", traced.get("message"));

        // The next invocation, not sampled and with its parent first: still its own Root.
        System.setProperty(XRayTrace.PROPERTY, "Parent=1a2b3c4d5e6f7a8b;Root=1-6745e5a1-aaaabbbbccccddddeeeeffff;Sampled=0");
        assertEquals("1-6745e5a1-aaaabbbbccccddddeeeeffff", json.readValue(encoder.encode(new LoggingEvent(
                Logger.class.getName(), logger, Level.INFO, "next", null, null)), Map.class).get("traceId"));
    }

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
