package com.chartfeed.functions.indicator;

import com.chartfeed.api.HttpCaching;
import com.chartfeed.indicators.Drawing;
import com.chartfeed.indicators.IndicatorType;
import com.chartfeed.indicators.ParamSpec;
import com.chartfeed.indicators.StudyNote;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static com.chartfeed.api.OpenApiRefs.CACHE_CONTROL_HEADER;
import static com.chartfeed.api.OpenApiRefs.CATALOGUE;
import static com.chartfeed.api.OpenApiRefs.ETAG_HEADER;
import static com.chartfeed.api.OpenApiRefs.IF_NONE_MATCH_PARAMETER;
import static com.chartfeed.api.OpenApiRefs.JSON;
import static com.chartfeed.api.OpenApiRefs.NOT_MODIFIED;
import static com.chartfeed.api.OpenApiRefs.TAG_INDICATORS;

/**
 * {@code GET /v1/indicators}: the catalogue chart menus are built from, every study with its
 * parameters, bounds, series, placement and how to draw it (docs/api.md). It changes only with a deployment, so the
 * body and its {@code ETag} are made once, and clients may keep it a day.
 */
@Controller("/v1/indicators")
public class CatalogueController {
    static final String CACHE_CONTROL = "public, max-age=86400";

    private final byte[] body = write();
    private final String etag = etag(body);

    @Get
    @Operation(operationId = "getCatalogue", tags = TAG_INDICATORS, summary = "The catalogue of studies",
            description = """
                    Every study with its title, group, the TA-Lib function it equals, inputs, parameters \
                    (type, default, bounds), series, placement and kind: the source of each study's \
                    parameters for `GET /v1/indicators/{symbol}/{indicator}`. It changes only with a \
                    deployment.""")
    @Parameter(name = "If-None-Match", ref = IF_NONE_MATCH_PARAMETER)
    @ApiResponse(responseCode = "200", description = "The catalogue.",
            headers = {
                    @Header(name = "ETag", required = true, schema = @Schema(ref = ETAG_HEADER)),
                    @Header(name = "Cache-Control", required = true, schema = @Schema(ref = CACHE_CONTROL_HEADER))},
            content = @Content(mediaType = JSON, schema = @Schema(ref = CATALOGUE)))
    @ApiResponse(responseCode = "304", ref = NOT_MODIFIED, description = "The copy named by `If-None-Match` is current.")
    public HttpResponse<byte[]> catalogue(HttpRequest<?> request) {
        MutableHttpResponse<byte[]> response = HttpCaching.matches(request.getHeaders().get(HttpHeaders.IF_NONE_MATCH), etag)
                ? HttpResponse.notModified()
                : HttpResponse.ok(body).contentType(MediaType.APPLICATION_JSON_TYPE);
        return response.header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
    }

    /**
     * {@code {"indicators": [{name, title, group, talib, inputs, params, series, placement, kind, unstable,
     * plots, fills?, levels?, notes?, reference?}, ...]}}: {@code notes} and {@code reference} where a study's
     * definition differs between charting packages.
     */
    static byte[] write() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("indicators");
            for (IndicatorType type : IndicatorType.values()) {
                json.writeStartObject();
                json.writeStringField("name", type.code());
                json.writeStringField("title", type.title());
                json.writeStringField("group", type.group());
                json.writeStringField("talib", type.talib());
                json.writeArrayFieldStart("inputs");
                for (String input : type.inputs()) {
                    json.writeString(input);
                }
                json.writeEndArray();
                json.writeArrayFieldStart("params");
                for (ParamSpec spec : type.params()) {
                    json.writeStartObject();
                    json.writeStringField("name", spec.name());
                    json.writeStringField("type", spec.type().code());
                    switch (spec.type()) {
                        case INTEGER -> {
                            json.writeNumberField("default", (long) spec.defaultValue());
                            json.writeNumberField("min", (long) spec.min());
                            json.writeNumberField("max", (long) spec.max());
                        }
                        case REAL -> {
                            json.writeNumberField("default", spec.defaultValue());
                            json.writeNumberField("min", spec.min());
                            json.writeNumberField("max", spec.max());
                        }
                        case MATYPE, ANCHOR -> json.writeStringField("default",
                                spec.type().choices().get((int) spec.defaultValue()));
                    }
                    json.writeEndObject();
                }
                if (type.usesSource()) {
                    json.writeStartObject();
                    json.writeStringField("name", "source");
                    json.writeStringField("type", "source");
                    json.writeStringField("default", "close");
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeArrayFieldStart("series");
                for (String series : type.outputs()) {
                    json.writeString(series);
                }
                json.writeEndArray();
                json.writeStringField("placement", type.placement().code());
                json.writeStringField("kind", type.kind().code());
                json.writeBooleanField("unstable", type.unstable());
                writeDrawing(json, type.drawing());
                StudyNote note = type.note().orElse(null);
                if (note != null) {
                    json.writeStringField("notes", note.notes());
                    if (note.reference() != null) {
                        json.writeStringField("reference", note.reference());
                    }
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** {@code plots}, and {@code fills} and {@code levels} when there are any (docs/api.md, "How to draw it"). */
    private static void writeDrawing(JsonGenerator json, Drawing drawing) throws IOException {
        json.writeArrayFieldStart("plots");
        for (Drawing.Plot plot : drawing.plots()) {
            json.writeStartObject();
            json.writeStringField("series", plot.series());
            json.writeStringField("style", plot.style().code());
            if (plot.offset() != null) {
                json.writeStringField("offset", plot.offset());
            }
            if (plot.colorBy() != null) {
                json.writeStringField("colorBy", plot.colorBy());
            }
            if (plot.dots()) {
                json.writeBooleanField("dots", true);
            }
            if (plot.abs()) {
                json.writeBooleanField("abs", true);
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        if (!drawing.fills().isEmpty()) {
            json.writeArrayFieldStart("fills");
            for (Drawing.Fill fill : drawing.fills()) {
                json.writeStartObject();
                json.writeArrayFieldStart("between");
                json.writeString(fill.from());
                json.writeString(fill.to());
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        if (!drawing.levels().isEmpty()) {
            json.writeArrayFieldStart("levels");
            for (double level : drawing.levels()) {
                // 30, not 30.0: the levels are round numbers
                if (level == Math.rint(level)) {
                    json.writeNumber((long) level);
                } else {
                    json.writeNumber(level);
                }
            }
            json.writeEndArray();
        }
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
