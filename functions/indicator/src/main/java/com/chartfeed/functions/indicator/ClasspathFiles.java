package com.chartfeed.functions.indicator;

import com.chartfeed.api.HttpCaching;
import com.chartfeed.problems.ProblemException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Files of one classpath folder, served the same way on Lambda and on the local server: each read
 * once, with an {@code ETag} of its content ({@code 304} on a match), a day's {@code max-age} for
 * the vendored libraries (their version is in their name, so a new one is a new name) and
 * {@code no-cache} for the rest, so a new deployment shows at once. Any other name is a {@code 404}.
 */
final class ClasspathFiles {
    /** The names a file may have: no folders, nothing hidden. */
    static final String NAME = "^[A-Za-z0-9][A-Za-z0-9.\\-]{0,99}$";
    private static final Pattern NAME_PATTERN = Pattern.compile(NAME);
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml",
            "yml", "application/yaml; charset=utf-8",
            "txt", "text/plain; charset=utf-8",
            "", "text/plain; charset=utf-8");

    private final String folder;
    private final Predicate<String> versioned;
    private final Map<String, Optional<Asset>> assets = new ConcurrentHashMap<>();

    private record Asset(byte[] bytes, String type, String etag, String cacheControl) {
    }

    /**
     * @param folder    the classpath folder, e.g. {@code /chart/}
     * @param versioned which names are vendored libraries, kept a day
     */
    ClasspathFiles(String folder, Predicate<String> versioned) {
        this.folder = folder;
        this.versioned = versioned;
    }

    HttpResponse<byte[]> serve(HttpRequest<?> request, String file) {
        Asset asset = (NAME_PATTERN.matcher(file).matches() ? assets.computeIfAbsent(file, this::load)
                : Optional.<Asset>empty())
                .orElseThrow(() -> ProblemException.notFound("file", "no file named " + file));
        MutableHttpResponse<byte[]> response = HttpCaching.matches(request.getHeaders().get(HttpHeaders.IF_NONE_MATCH), asset.etag())
                ? HttpResponse.status(HttpStatus.NOT_MODIFIED)
                : HttpResponse.ok(asset.bytes()).contentType(asset.type());
        return response.header(HttpHeaders.ETAG, asset.etag())
                .header(HttpHeaders.CACHE_CONTROL, asset.cacheControl())
                .header("X-Content-Type-Options", "nosniff");
    }

    private Optional<Asset> load(String file) {
        int dot = file.lastIndexOf('.');
        String type = TYPES.get(dot < 0 ? "" : file.substring(dot + 1));
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = ClasspathFiles.class.getResourceAsStream(folder + file)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8) + "\"";
            String cacheControl = versioned.test(file) ? "public, max-age=86400" : "no-cache";
            return Optional.of(new Asset(bytes, type, etag, cacheControl));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
