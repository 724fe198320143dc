package com.chartfeed.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.Locale;

/**
 * Logback's configuration, in code rather than a {@code logback.xml}: parsing XML (a SAX parser
 * and Logback's Joran interpreter, ~600 classes) was a measurable part of a cold start. Everything
 * goes to stderr, so stdout stays clean for what a command prints (the local invoker's response)
 * and for the EMF metrics records. Found through {@code META-INF/services}; a
 * {@code logback.configurationFile} given on the command line still wins.
 *
 * <p>On Lambda (where {@code AWS_LAMBDA_FUNCTION_NAME} is set) each event is one JSON line
 * ({@link JsonLineEncoder}), which CloudWatch Logs Insights reads field by field; elsewhere (the
 * local server, tests) human-readable text. {@code LOG_FORMAT=json|text} (or the system property
 * {@code chartfeed.log.format}) overrides the choice: the local invoker asks for JSON, as Lambda.
 *
 * <p>The level is {@code INFO} unless {@code LOG_LEVEL} (or the system property
 * {@code chartfeed.log.level}) names another of Logback's ({@code TRACE}, {@code DEBUG}, {@code INFO},
 * {@code WARN}, {@code ERROR}, {@code OFF}); the template's {@code LogLevel} parameter sets it on every
 * function. The connection pool and the migrations stay at {@code WARN} unless the level is stricter:
 * their {@code INFO} lines say nothing a request needs, at every start.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogbackConfiguration extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n";
    /** The system property that chooses the format, before the {@code LOG_FORMAT} variable. */
    public static final String FORMAT_PROPERTY = "chartfeed.log.format";
    /** The system property that sets the level, before the {@code LOG_LEVEL} variable. */
    public static final String LEVEL_PROPERTY = "chartfeed.log.level";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Encoder<ILoggingEvent> encoder = json() ? new JsonLineEncoder() : textEncoder(context);
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Level level = level();
        root.setLevel(level);
        root.addAppender(stderr);
        Level quieter = level.isGreaterOrEqual(Level.WARN) ? level : Level.WARN;
        context.getLogger("com.zaxxer.hikari").setLevel(quieter);
        context.getLogger("org.flywaydb").setLevel(quieter);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The level asked for, or {@code INFO}; a name that is no level is reported and ignored. */
    static Level level() {
        String asked = System.getProperty(LEVEL_PROPERTY, System.getenv("LOG_LEVEL"));
        if (asked == null || asked.isBlank()) {
            return Level.INFO;
        }
        Level level = Level.toLevel(asked.strip(), null);
        if (level == null) {
            System.err.println("LOG_LEVEL=" + asked + " is not a log level (TRACE, DEBUG, INFO, WARN, ERROR, OFF): INFO");
            return Level.INFO;
        }
        return level;
    }

    /** Whether logs are JSON lines: asked for, or on Lambda unless asked otherwise. */
    static boolean json() {
        String asked = System.getProperty(FORMAT_PROPERTY, System.getenv("LOG_FORMAT"));
        if (asked != null && !asked.isBlank()) {
            return asked.trim().toLowerCase(Locale.ROOT).equals("json");
        }
        return System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null;
    }

    private static PatternLayoutEncoder textEncoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        return encoder;
    }
}
