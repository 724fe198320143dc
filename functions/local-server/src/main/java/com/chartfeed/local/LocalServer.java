package com.chartfeed.local;

import com.chartfeed.api.AdminToken;
import com.chartfeed.logging.LogbackConfiguration;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

import java.util.Arrays;
import java.util.Map;

/**
 * Runs every function's routes on one Netty server ({@code PORT}, default 8080), on the embedded
 * H2 default ({@code application-local.yml}, {@link LocalEnvironment}) unless
 * {@code DATASOURCES_DEFAULT_URL} points at PostgreSQL. The Quick start's first
 * command. Given a function name and an event file instead, invokes that Lambda handler once
 * ({@link LocalInvoker}).
 */
public final class LocalServer {
    /** Its environment: {@code application-local-server.yml} turns on CORS ({@code CORS_ALLOWED_ORIGINS}). */
    public static final String ENVIRONMENT = "local-server";

    private LocalServer() {
    }

    public static void main(String[] args) throws Exception {
        LocalEnvironment.activate();
        String[] given = Arrays.stream(args).filter(a -> !a.isBlank()).toArray(String[]::new);
        if (given.length == 2) {
            // As on Lambda: JSON log lines (to stderr) and the invocation's EMF record (to stdout).
            if (System.getenv("LOG_FORMAT") == null) {
                System.setProperty(LogbackConfiguration.FORMAT_PROPERTY, "json");
            }
            System.exit(LocalInvoker.invoke(given[0], java.nio.file.Path.of(given[1]), System.out));
        }
        // The server is not Lambda: no EMF records. Its Invoke API runs invocations of one function
        // concurrently on one handler, where per-invocation counts would mix (METRICS_ENABLED=true
        // prints them anyway).
        if (System.getenv("METRICS_ENABLED") == null) {
            System.setProperty("metrics.enabled", "false");
        }
        if (given.length != 0) {
            System.err.println("usage: LocalServer [<function> <event.json>]; functions: " + LocalInvoker.FUNCTIONS.keySet());
            System.exit(2);
        }
        // The sample candles load while the server already takes requests (SampleDataGate holds
        // each until what it reads is there): the Quick start's first answer comes about a second
        // sooner. Only this context's: the handlers' own contexts find them loaded.
        ApplicationContext server = Micronaut.build(args).mainClass(LocalServer.class).environments(ENVIRONMENT)
                .properties(Map.of(SampleDataGate.IN_BACKGROUND, true)).start();
        // The one place a generated admin token is shown: the Quick start's user needs it.
        server.getBean(AdminToken.class).generated().ifPresent(token ->
                System.err.println("ADMIN_TOKEN is not set; admin routes accept this generated token: " + token));
    }
}
