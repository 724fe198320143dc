package com.chartfeed.api;

import com.chartfeed.cache.CacheKey;
import com.chartfeed.cache.CacheSettings;
import com.chartfeed.cache.CacheSource;
import com.chartfeed.cache.Lookup;
import com.chartfeed.cache.RequestTimings;
import com.chartfeed.indicators.Window;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

import java.util.function.Supplier;

/**
 * HTTP caching of the read routes: {@code ETag} and {@code If-None-Match} (a {@code 304} is
 * decided before any body is built), {@code Cache-Control} fitted to the interval, and the
 * {@code X-Cache} and {@code Server-Timing} headers that tell where the answer came from.
 */
@Singleton
public final class HttpCaching {
    public static final String X_CACHE = "X-Cache";
    public static final String SERVER_TIMING = "Server-Timing";

    private final CacheSettings settings;

    public HttpCaching(CacheSettings settings) {
        this.settings = settings;
    }

    /**
     * {@code 304} if the client's copy is current, else {@code 200} with the body {@code body}
     * builds; both with the cache headers.
     */
    public <B> MutableHttpResponse<B> respond(HttpRequest<?> request, CacheKey key, Window window, Lookup<?> lookup,
                                              RequestTimings timings, Supplier<B> body) {
        String etag = etag(key, window, lookup);
        MutableHttpResponse<B> response = matches(request.getHeaders().get(HttpHeaders.IF_NONE_MATCH), etag)
                ? HttpResponse.notModified()
                : HttpResponse.ok(body.get());
        response.header(HttpHeaders.ETAG, etag);
        response.header(HttpHeaders.CACHE_CONTROL, lookup.source() == CacheSource.STALE
                ? "no-cache"
                : "public, max-age=" + settings.httpMaxAgeSeconds(key.interval()));
        response.header(X_CACHE, lookup.source().header());
        response.header(SERVER_TIMING, timings.serverTiming());
        return response;
    }

    /**
     * A strong validator of exactly what the body would hold: the entry's key, the content hash of
     * the whole series (computed once when it was loaded) and the window cut from it. Content
     * rather than generation, so re-invalidating unchanged candles still answers {@code 304}.
     */
    static String etag(CacheKey key, Window window, Lookup<?> lookup) {
        long h = lookup.entry().contentHash();
        h = mix(h ^ key.toString().hashCode());
        h = mix(h ^ window.limit());
        h = mix(h ^ window.from());
        h = mix(h ^ window.to());
        return "\"" + Long.toHexString(h) + "\"";
    }

    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
