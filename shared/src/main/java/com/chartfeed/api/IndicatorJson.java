package com.chartfeed.api;

import com.chartfeed.candles.Interval;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorSeries;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes the body of an indicator answer as JSON straight from the cached columns: no copied
 * arrays and no body object in between. Numbers go through Jackson's Schubfach double writer,
 * several times faster than {@link Double#toString} on Java 17; formatting numbers is most of the
 * cost of a body of hundreds of points, and a batch answer holds ten of them.
 */
public final class IndicatorJson {
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();
    /** Bytes per point and column, a generous guess so the buffer is rarely grown. */
    private static final int BYTES_PER_VALUE = 22;

    private IndicatorJson() {
    }

    /**
     * {@code {"symbol","interval","indicator","params","t","series"}} of the points
     * {@code [start, end)} of {@code series}.
     */
    public static byte[] write(String symbol, Interval interval, IndicatorParams params, IndicatorSeries series,
                               int start, int end) {
        List<String> outputs = params.type().outputs();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + (end - start) * BYTES_PER_VALUE * (1 + outputs.size()));
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("symbol", symbol);
            json.writeStringField("interval", interval.code());
            json.writeStringField("indicator", params.type().code());
            json.writeObjectFieldStart("params");
            for (Map.Entry<String, Object> param : params.asMap().entrySet()) {
                json.writeFieldName(param.getKey());
                if (param.getValue() instanceof Integer value) {
                    json.writeNumber(value);
                } else if (param.getValue() instanceof Double value) {
                    json.writeNumber(value);
                } else {
                    json.writeString(String.valueOf(param.getValue()));
                }
            }
            json.writeEndObject();
            json.writeFieldName("t");
            json.writeArray(series.t(), start, end - start);
            json.writeObjectFieldStart("series");
            double[][] values = series.values();
            for (int i = 0; i < values.length; i++) {
                json.writeFieldName(outputs.get(i));
                writeColumn(json, values[i], start, end);
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /**
     * {@code values[start, end)}, a non-finite value as {@code null}: Jackson would write it as the
     * string {@code "NaN"} or {@code "Infinity"}, which a chart's {@code JSON.parse} does not take
     * for a number. Upload validation keeps the kernels finite; this is the last line of defence
     * (rows written by something else, a kernel's edge case). Scanned first, so the usual all-finite
     * column still goes through Jackson's array writer.
     */
    private static void writeColumn(JsonGenerator json, double[] values, int start, int end) throws IOException {
        int i = start;
        while (i < end && Double.isFinite(values[i])) {
            i++;
        }
        if (i == end) {
            json.writeArray(values, start, end - start);
            return;
        }
        json.writeStartArray();
        for (int j = start; j < end; j++) {
            if (Double.isFinite(values[j])) {
                json.writeNumber(values[j]);
            } else {
                json.writeNull();
            }
        }
        json.writeEndArray();
    }
}
