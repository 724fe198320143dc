package com.chartfeed.api;

import com.chartfeed.problems.Problem;
import com.chartfeed.problems.ProblemException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers a {@link ProblemException} with its problem+json. */
@Singleton
@Produces(Problem.MEDIA_TYPE)
public final class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<String>> {
    private final Problems problems;

    public ProblemExceptionHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<String> handle(HttpRequest request, ProblemException exception) {
        return problems.response(exception);
    }
}
