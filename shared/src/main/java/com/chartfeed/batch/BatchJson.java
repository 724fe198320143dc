package com.chartfeed.batch;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link BatchResponse} as {@code {"results":[...],"meta":{...}}}. Item bodies are
 * already JSON (most come ready-made from {@link com.chartfeed.api.RenderedBodies}), so they are
 * copied in as they are rather than parsed and written again.
 */
@Singleton
public final class BatchJson {
    private static final byte[] RESULTS = ascii("{\"results\":[");
    private static final byte[] STATUS = ascii("{\"status\":");
    private static final byte[] DATA = ascii(",\"data\":");
    private static final byte[] ERROR = ascii(",\"error\":");
    private static final byte[] META = ascii("],\"meta\":");

    private final JsonMapper json;

    public BatchJson(JsonMapper json) {
        this.json = json;
    }

    public byte[] write(BatchResponse response) {
        int size = 256;
        for (BatchResponse.Result result : response.results()) {
            size += 32 + (result.data() == null ? 256 : result.data().length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        try {
            out.write(RESULTS);
            boolean first = true;
            for (BatchResponse.Result result : response.results()) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                out.write(STATUS);
                out.write(ascii(Integer.toString(result.status())));
                if (result.data() != null) {
                    out.write(DATA);
                    out.write(result.data());
                } else {
                    out.write(ERROR);
                    out.write(json.writeValueAsBytes(result.error()));
                }
                out.write('}');
            }
            out.write(META);
            out.write(json.writeValueAsBytes(response.meta()));
            out.write('}');
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
