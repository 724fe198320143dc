package com.chartfeed.local;

import io.micronaut.runtime.Micronaut;

/**
 * Runs every function's routes on one Netty server ({@code PORT}, default 8080), on the embedded
 * H2 default unless {@code DATASOURCES_DEFAULT_URL} points at PostgreSQL. The Quick start's first command.
 */
public final class LocalServer {
    private LocalServer() {
    }

    public static void main(String[] args) {
        Micronaut.run(LocalServer.class, args);
    }
}
