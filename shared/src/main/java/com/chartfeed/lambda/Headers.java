package com.chartfeed.lambda;

import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/** A header of an API Gateway event or answer, whose header names may come in any case. */
final class Headers {

    private Headers() {
    }

    /** The value of header {@code name} in {@code headers}, ignoring case; {@code null} if absent. */
    static @Nullable String get(@Nullable Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }
}
