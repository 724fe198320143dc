package com.chartfeed.api;

import com.chartfeed.problems.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Answers every exception a route throws and Micronaut does not answer itself, as problem+json:
 * a {@link com.chartfeed.problems.ProblemException} as it says, any other failure as
 * {@link FaultProblems} maps it ({@code 503} with {@code Retry-After} for a database fault, a
 * logged {@code 500} for anything unexpected).
 */
@Singleton
@Produces(Problem.MEDIA_TYPE)
public final class ServiceFaultHandler implements ExceptionHandler<RuntimeException, HttpResponse<String>> {
    private final Problems problems;

    public ServiceFaultHandler(Problems problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<String> handle(HttpRequest request, RuntimeException exception) {
        return problems.response(FaultProblems.of(exception, request.getMethod() + " " + request.getPath()));
    }
}
