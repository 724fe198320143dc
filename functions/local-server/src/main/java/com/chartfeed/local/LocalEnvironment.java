package com.chartfeed.local;

import java.util.Arrays;

/**
 * The Micronaut environment {@value #NAME}, whose {@code application-local.yml} gives the local
 * server its embedded default (H2 with sample candles). Activated through the system property
 * {@code micronaut.environments}, because the handlers the local invoker and the local Lambda
 * endpoint run build their own application contexts, from the environment, as in Lambda.
 */
final class LocalEnvironment {
    static final String NAME = "local";
    private static final String PROPERTY = "micronaut.environments";

    private LocalEnvironment() {
    }

    /** Adds {@value #NAME} to the environments of every application context started from now on. */
    static synchronized void activate() {
        String given = System.getProperty(PROPERTY, "").strip();
        if (Arrays.stream(given.split(",")).map(String::strip).noneMatch(NAME::equals)) {
            System.setProperty(PROPERTY, given.isEmpty() ? NAME : given + "," + NAME);
        }
    }
}
