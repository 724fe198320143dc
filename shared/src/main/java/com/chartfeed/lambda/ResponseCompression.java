package com.chartfeed.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.api.CompressionSettings;
import io.micronaut.core.annotation.Nullable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * gzip for the Lambda functions' answers: API Gateway HTTP APIs pass bodies through uncompressed
 * (a 10-item batch is ~190 KB), so the handler compresses what Micronaut answered, as the local
 * server's Netty does: a text body (JSON, problem+json, CSV) of at least
 * {@code responses.gzip-threshold} bytes, to a request whose {@code Accept-Encoding} takes gzip,
 * is sent gzipped (at {@code responses.gzip-level}) and base64-encoded ({@code isBase64Encoded}), which API Gateway decodes to the
 * gzip bytes on the wire ({@code Vary: Accept-Encoding} is on every answer, see
 * {@link com.chartfeed.api.VaryAcceptEncoding}). {@code 204}, {@code 304} and already encoded
 * answers are left alone, so ETags and {@code If-None-Match} work as before.
 */
public final class ResponseCompression {
    private final int threshold;
    private final int level;

    public ResponseCompression(CompressionSettings settings) {
        this.threshold = settings.gzipThreshold();
        this.level = settings.gzipLevel();
    }

    /** {@code response}, gzipped if the request and the body call for it (then changed in place). */
    public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent request, @Nullable APIGatewayV2HTTPResponse response) {
        if (threshold < 0 || response == null || response.getBody() == null || response.getBody().isEmpty()) {
            return response;
        }
        int status = response.getStatusCode();
        if (status < 200 || status == 204 || status == 304 || Headers.get(response.getHeaders(), "Content-Encoding") != null
                || !textual(Headers.get(response.getHeaders(), "Content-Type")) || !acceptsGzip(request.getHeaders())) {
            return response;
        }
        byte[] body = response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
        if (body.length < threshold) {
            return response;
        }
        String vary = Headers.get(response.getHeaders(), "Vary");
        Map<String, String> changed = new HashMap<>();
        changed.put("Content-Encoding", "gzip");
        if (vary == null || !vary.toLowerCase(Locale.ROOT).contains("accept-encoding")) {
            changed.put("Vary", vary == null || vary.isBlank() ? "Accept-Encoding" : vary + ", Accept-Encoding");
        }
        Map<String, String> headers = new HashMap<>(response.getHeaders() == null ? Map.of() : response.getHeaders());
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("Content-Length") || changed.keySet().stream()
                .anyMatch(name::equalsIgnoreCase));
        headers.putAll(changed);
        response.setHeaders(headers);
        if (response.getMultiValueHeaders() != null) {
            Map<String, List<String>> multi = new HashMap<>(response.getMultiValueHeaders());
            multi.keySet().removeIf(name -> name.equalsIgnoreCase("Content-Length") || changed.keySet().stream()
                    .anyMatch(name::equalsIgnoreCase));
            changed.forEach((name, value) -> multi.put(name, List.of(value)));
            response.setMultiValueHeaders(multi);
        }
        response.setBody(Base64.getEncoder().encodeToString(gzip(body, level)));
        response.setIsBase64Encoded(true);
        return response;
    }

    /** {@code body} gzipped at zlib's {@code level}, as Netty's compressor on the local server. */
    public static byte[] gzip(byte[] body, int level) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192) {
            {
                def.setLevel(level);
            }
        }) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Whether {@code Accept-Encoding} takes gzip: named (or {@code *}) with a q-value above 0. */
    static boolean acceptsGzip(@Nullable Map<String, String> requestHeaders) {
        String accepted = Headers.get(requestHeaders, "Accept-Encoding");
        if (accepted == null) {
            return false;
        }
        Float gzip = null;
        Float any = null;
        for (String coding : accepted.split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].trim().toLowerCase(Locale.ROOT);
            float q = 1;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim();
                if (parameter.startsWith("q=")) {
                    try {
                        q = Float.parseFloat(parameter.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (name.equals("gzip") || name.equals("x-gzip")) {
                gzip = q;
            } else if (name.equals("*")) {
                any = q;
            }
        }
        return gzip != null ? gzip > 0 : any != null && any > 0;
    }

    private static boolean textual(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml");
    }
}
