package com.chartfeed.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The logging every JVM of the service gets, found by Logback itself (no logback.xml any more). */
class LogbackConfigurationTest {

    @AfterEach
    void clear() {
        System.clearProperty(LogbackConfiguration.LEVEL_PROPERTY);
        System.clearProperty(LogbackConfiguration.FORMAT_PROPERTY);
        System.clearProperty(XRayTrace.PROPERTY);
    }

    @Test
    void logsGoToStderrAtInfoWithThePoolAndMigrationsQuieter() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<?> appender = assertInstanceOf(ConsoleAppender.class, root.getAppender("STDERR"));
        // stdout is the local invoker's response; logs must not mix into it.
        assertEquals("System.err", appender.getTarget());
        assertEquals(Level.INFO, root.getLevel());
        assertEquals(Level.WARN, context.getLogger("com.zaxxer.hikari").getLevel());
        assertEquals(Level.WARN, context.getLogger("org.flywaydb").getLevel());
    }

    /**
     * What the template's LogLevel parameter does through LOG_LEVEL: a JVM configured at DEBUG
     * writes DEBUG lines (as JSON on Lambda, each with the invocation's trace id); the pool and the
     * migrations stay at WARN.
     */
    @Test
    void theLevelAskedForIsTheLevelOfEveryLine() throws Exception {
        System.setProperty(LogbackConfiguration.LEVEL_PROPERTY, "debug");
        System.setProperty(LogbackConfiguration.FORMAT_PROPERTY, "json");
        System.setProperty(XRayTrace.PROPERTY, "Root=1-6745e5a1-0c5b8a1f2d3e4f5061728394;Parent=53995c3f42cd8ad8;Sampled=1");
        LoggerContext context = configured();

        List<Map<String, Object>> lines = stderrOf(() -> {
            context.getLogger("com.chartfeed.cache").debug("a debug line");
            context.getLogger("com.chartfeed.cache").trace("a trace line");
            context.getLogger("com.zaxxer.hikari").info("pool started");
        });
        context.stop();

        assertEquals(Level.DEBUG, context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel());
        assertEquals(1, lines.size(), lines.toString());
        assertEquals("DEBUG", lines.get(0).get("level"));
        assertEquals("a debug line", lines.get(0).get("message"));
        assertEquals("1-6745e5a1-0c5b8a1f2d3e4f5061728394", lines.get(0).get(RequestLog.TRACE_ID));
    }

    @Test
    void aStricterLevelQuietsThePoolTooAndANameThatIsNoLevelIsInfo() {
        System.setProperty(LogbackConfiguration.LEVEL_PROPERTY, "ERROR");
        LoggerContext strict = configured();
        assertEquals(Level.ERROR, strict.getLogger(Logger.ROOT_LOGGER_NAME).getLevel());
        assertFalse(strict.getLogger("com.chartfeed.api").isWarnEnabled());
        assertEquals(Level.ERROR, strict.getLogger("com.zaxxer.hikari").getLevel());
        strict.stop();

        System.setProperty(LogbackConfiguration.LEVEL_PROPERTY, "verbose");
        LoggerContext fallback = configured();
        assertEquals(Level.INFO, fallback.getLogger(Logger.ROOT_LOGGER_NAME).getLevel());
        assertTrue(fallback.getLogger("com.chartfeed.api").isInfoEnabled());
        fallback.stop();
    }

    /** A logger context of its own, configured as Logback configures the JVM's at start-up. */
    private static LoggerContext configured() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        new LogbackConfiguration().configure(context);
        return context;
    }

    /** The JSON lines {@code action} wrote to stderr (the Lambda log). */
    private static List<Map<String, Object>> stderrOf(Runnable action) throws Exception {
        PrintStream stderr = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(stderr);
        }
        ObjectMapper json = new ObjectMapper();
        List<Map<String, Object>> lines = new java.util.ArrayList<>();
        for (String line : buffer.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readValue(line, new TypeReference<Map<String, Object>>() { }));
            }
        }
        return lines;
    }
}
