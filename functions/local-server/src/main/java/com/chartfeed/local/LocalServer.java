package com.chartfeed.local;

import io.micronaut.runtime.Micronaut;

import java.util.Arrays;

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
            System.exit(LocalInvoker.invoke(given[0], java.nio.file.Path.of(given[1]), System.out));
        }
        if (given.length != 0) {
            System.err.println("usage: LocalServer [<function> <event.json>]; functions: " + LocalInvoker.FUNCTIONS.keySet());
            System.exit(2);
        }
        Micronaut.build(args).mainClass(LocalServer.class).environments(ENVIRONMENT).start();
    }
}
