package com.chartfeed.functions.indicator;

import com.chartfeed.problems.ProblemException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The chart page: {@code GET /} and its files under {@code GET /chart/{file}}, from the classpath's
 * {@code chart/} folder. A controller rather than Micronaut's static resources so the indicator
 * Lambda serves them exactly as the local server does (API Gateway routes {@code GET /} and
 * {@code GET /chart/{proxy+}} to it). Files are read once; each answer has an {@code ETag}
 * ({@code 304} on a match), the vendored chart library a day's {@code max-age}, the page's own
 * files {@code no-cache} so a new deployment shows at once.
 */
@Controller
public class ChartPageController {
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.\\-]{0,99}");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml",
            "", "text/plain; charset=utf-8");
    private static final String LIBRARY_PREFIX = "lightweight-charts-";

    private final Map<String, Optional<Asset>> assets = new ConcurrentHashMap<>();

    private record Asset(byte[] bytes, String type, String etag, String cacheControl) {
    }

    @Get
    public HttpResponse<byte[]> page(HttpRequest<?> request) {
        return serve(request, "index.html");
    }

    /** Browsers ask for it on every page of the origin; the page's icon, rather than a 404 in their console. */
    @Get("/favicon.ico")
    public HttpResponse<byte[]> favicon(HttpRequest<?> request) {
        return serve(request, "favicon.svg");
    }

    @Get("/chart/{file}")
    public HttpResponse<byte[]> file(@PathVariable String file, HttpRequest<?> request) {
        return serve(request, file);
    }

    private HttpResponse<byte[]> serve(HttpRequest<?> request, String file) {
        Asset asset = (FILE.matcher(file).matches() ? assets.computeIfAbsent(file, ChartPageController::load)
                : Optional.<Asset>empty())
                .orElseThrow(() -> ProblemException.notFound("file", "no chart file named " + file));
        String ifNoneMatch = request.getHeaders().get(HttpHeaders.IF_NONE_MATCH);
        MutableHttpResponse<byte[]> response = asset.etag().equals(ifNoneMatch)
                ? HttpResponse.status(HttpStatus.NOT_MODIFIED)
                : HttpResponse.ok(asset.bytes()).contentType(asset.type());
        return response.header(HttpHeaders.ETAG, asset.etag())
                .header(HttpHeaders.CACHE_CONTROL, asset.cacheControl())
                .header("X-Content-Type-Options", "nosniff");
    }

    private static Optional<Asset> load(String file) {
        int dot = file.lastIndexOf('.');
        String type = TYPES.get(dot < 0 ? "" : file.substring(dot + 1));
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = ChartPageController.class.getResourceAsStream("/chart/" + file)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8) + "\"";
            String cacheControl = file.startsWith(LIBRARY_PREFIX) ? "public, max-age=86400" : "no-cache";
            return Optional.of(new Asset(bytes, type, etag, cacheControl));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
