package com.chartfeed.api;

import com.chartfeed.problems.Problem;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Makes the framework's own errors (no such route, wrong method, unreadable body, ...) problem+json
 * like ours, so a client parses one error shape whatever went wrong.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public final class ProblemJsonBodyProvider implements JsonErrorResponseBodyProvider<Problem> {

    @Override
    public String contentType() {
        return Problem.MEDIA_TYPE;
    }

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        List<Problem.FieldError> errors = context.getErrors().stream()
                .filter(e -> e.getPath().isPresent())
                .map(e -> new Problem.FieldError(e.getPath().get(), e.getMessage()))
                .toList();
        String detail = status.getCode() >= 500
                ? "The request could not be completed; it has been logged."
                : context.getErrors().stream().findFirst().map(e -> e.getMessage()).orElse(status.getReason());
        return new Problem(Problem.typeOf(status), status.getReason(), status.getCode(), detail, errors);
    }
}
