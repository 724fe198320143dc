package com.chartfeed.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Fail closed, checked on a real handler: constructed as the Lambda runtime constructs it (its
 * no-arg constructor, configured from the environment) where no database URL is set and no
 * embedded database is on the classpath, it must refuse to start with one clear ERROR line,
 * rather than start and answer {@code 200} with candles from anywhere but PostgreSQL.
 */
public final class DeployedWithoutDatabase {
    /** How the refusal starts, in the log line and in the exception the runtime reports. */
    public static final String REFUSAL = "datasources.default.url is not set: refusing to start";

    private DeployedWithoutDatabase() {
    }

    /** {@code newHandler} is the handler's no-arg constructor. */
    public static void assertRefusesToStart(Supplier<?> newHandler) {
        assumeTrue(System.getenv("DATASOURCES_DEFAULT_URL") == null && System.getProperty("datasources.default.url") == null,
                "this JVM has a database URL: it cannot show a function deployed without one");
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.h2.Driver"),
                "H2 is on this function's classpath: its Lambda jar would have an embedded database to fall back on");

        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        Throwable failure;
        try {
            failure = assertThrows(Throwable.class, newHandler::get, "the handler started without a database URL");
        } finally {
            root.detachAppender(logs);
        }

        // What the Lambda runtime reports as the init error's errorType and errorMessage.
        assertTrue(failure.getMessage() != null && failure.getMessage().contains(REFUSAL),
                "the failure names the missing setting: " + failure);
        List<String> errors = logs.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
        assertEquals(1, errors.size(), "one ERROR line, not a cascade: " + errors);
        assertTrue(errors.get(0).startsWith(REFUSAL), errors.get(0));
    }
}
