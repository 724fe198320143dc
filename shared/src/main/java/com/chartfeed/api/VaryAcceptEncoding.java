package com.chartfeed.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * {@code Vary: Accept-Encoding} on every answer, on Lambda and on the local server alike: a body
 * may be sent gzipped or not depending on that header (Lambda's {@code ResponseCompression},
 * Netty's compressor locally), so a shared cache must keep the two apart; a {@code 304} says it
 * too, as the {@code 200} it stands for would.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class VaryAcceptEncoding {

    @ResponseFilter
    public void vary(MutableHttpResponse<?> response) {
        response.getHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
    }
}
