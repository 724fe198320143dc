package com.chartfeed.api;

import com.chartfeed.problems.Problem;
import com.chartfeed.problems.ProblemException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Renders problems as {@code application/problem+json} responses. */
@Singleton
public final class Problems {
    private final JsonMapper json;

    public Problems(JsonMapper json) {
        this.json = json;
    }

    public MutableHttpResponse<String> response(ProblemException problem) {
        MutableHttpResponse<String> response = response(problem.status(), problem.toProblem());
        if (problem.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, problem.retryAfter().toSeconds())));
        }
        return response;
    }

    public MutableHttpResponse<String> response(HttpStatus status, Problem problem) {
        return HttpResponse.<String>status(status)
                .contentType(Problem.MEDIA_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(toJson(problem));
    }

    /** The problem as JSON text. Serialised here, not by a codec, so every server and adapter sends the same bytes. */
    public String toJson(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
