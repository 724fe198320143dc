package com.chartfeed.logging;

import io.micronaut.core.annotation.Nullable;

/**
 * The X-Ray trace id of the invocation being handled: the {@code Root} of Lambda's trace header
 * ({@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1}), the id
 * the X-Ray console and CloudWatch's trace map show. On Java the runtime puts each invocation's
 * header in the system property {@value #PROPERTY} (a process cannot change its own environment);
 * {@value #VARIABLE} is read only when the property is absent (other runtimes, {@code sam local}).
 */
public final class XRayTrace {
    /** Where Lambda's Java runtime puts each invocation's trace header. */
    public static final String PROPERTY = "com.amazonaws.xray.traceHeader";
    /** Where Lambda puts it for runtimes that can update their environment. */
    public static final String VARIABLE = "_X_AMZN_TRACE_ID";

    private XRayTrace() {
    }

    /** The current trace id, or null outside a traced invocation. */
    public static @Nullable String currentId() {
        String header = System.getProperty(PROPERTY);
        if (header == null || header.isEmpty()) {
            header = System.getenv(VARIABLE);
        }
        return rootOf(header);
    }

    /** The {@code Root} field of a trace header, or null if it has none. */
    static @Nullable String rootOf(@Nullable String header) {
        if (header == null) {
            return null;
        }
        for (String field : header.split(";")) {
            String trimmed = field.strip();
            if (trimmed.startsWith("Root=") && trimmed.length() > "Root=".length()) {
                return trimmed.substring("Root=".length());
            }
        }
        return null;
    }
}
