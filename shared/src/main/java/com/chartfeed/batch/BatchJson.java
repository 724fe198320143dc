package com.chartfeed.batch;

import com.chartfeed.problems.Problem;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

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

    /**
     * The whole answer in one array of exactly its size: the item bodies are most of it (a batch
     * of ten 500-point series is about 200 KB), so they are copied once and nothing is resized.
     */
    public byte[] write(BatchResponse response) {
        List<BatchResponse.Result> results = response.results();
        byte[][] statuses = new byte[results.size()][];
        byte[][] bodies = new byte[results.size()][];
        int size = RESULTS.length + META.length + 1;
        for (int i = 0; i < results.size(); i++) {
            BatchResponse.Result result = results.get(i);
            statuses[i] = ascii(Integer.toString(result.status()));
            bodies[i] = result.data() != null ? result.data() : problem(result.error());
            byte[] label = result.data() != null ? DATA : ERROR;
            size += (i == 0 ? 0 : 1) + STATUS.length + statuses[i].length + label.length + bodies[i].length + 1;
        }
        byte[] meta = meta(response.meta());
        byte[] out = new byte[size + meta.length];
        int at = put(RESULTS, out, 0);
        for (int i = 0; i < results.size(); i++) {
            if (i > 0) {
                out[at++] = ',';
            }
            at = put(STATUS, out, at);
            at = put(statuses[i], out, at);
            at = put(results.get(i).data() != null ? DATA : ERROR, out, at);
            at = put(bodies[i], out, at);
            out[at++] = '}';
        }
        at = put(META, out, at);
        at = put(meta, out, at);
        out[at] = '}';
        return out;
    }

    private byte[] problem(Problem problem) {
        try {
            return json.writeValueAsBytes(problem);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    /** Five numbers, written here: a serializer call for them cost more than copying a whole item body. */
    private static byte[] meta(BatchResponse.Meta meta) {
        return ascii("{\"l1Hits\":" + meta.l1Hits() + ",\"l2Hits\":" + meta.l2Hits() + ",\"misses\":" + meta.misses()
                + ",\"stale\":" + meta.stale() + ",\"durationMs\":" + meta.durationMs() + "}");
    }

    private static int put(byte[] part, byte[] out, int at) {
        System.arraycopy(part, 0, out, at, part.length);
        return at + part.length;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
