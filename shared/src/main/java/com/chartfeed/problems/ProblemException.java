package com.chartfeed.problems;

import io.micronaut.http.HttpStatus;

import java.time.Duration;
import java.util.List;

/**
 * Thrown anywhere a request cannot be answered; the HTTP layer's one exception handler
 * ({@code api.ServiceFaultHandler}) writes it as a problem+json response. Carries no stack trace:
 * these are expected outcomes, not faults.
 */
public final class ProblemException extends RuntimeException {
    private final HttpStatus status;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Duration retryAfter;

    private ProblemException(HttpStatus status, String title, String detail, List<Problem.FieldError> errors,
                             Duration retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** {@code 400} naming the offending field. */
    public static ProblemException badRequest(String field, String message) {
        return badRequest(List.of(new Problem.FieldError(field, message)));
    }

    /** {@code 400} for several invalid fields at once. */
    public static ProblemException badRequest(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " invalid fields";
        return new ProblemException(HttpStatus.BAD_REQUEST, "Invalid request", detail, errors, null);
    }

    public static ProblemException notFound(String field, String message) {
        return new ProblemException(HttpStatus.NOT_FOUND, "Not found", field + ": " + message,
                List.of(new Problem.FieldError(field, message)), null);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(HttpStatus.UNAUTHORIZED, "Unauthorized", detail, List.of(), null);
    }

    public static ProblemException unavailable(String detail, Duration retryAfter) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", detail, List.of(),
                retryAfter);
    }

    /** {@code 500} for a fault that has been logged; says nothing of the internals. */
    public static ProblemException internal() {
        return new ProblemException(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The request could not be completed; it has been logged.", List.of(), null);
    }

    /** {@code 501}: the request reached a function that cannot serve it as it came (e.g. an event format it does not take). */
    public static ProblemException notImplemented(String detail) {
        return new ProblemException(HttpStatus.NOT_IMPLEMENTED, "Not implemented", detail, List.of(), null);
    }

    public static ProblemException gatewayTimeout(String detail) {
        return new ProblemException(HttpStatus.GATEWAY_TIMEOUT, "Deadline exceeded", detail, List.of(), null);
    }

    /** The same problem naming its fields differently (e.g. inside a batch item). */
    public ProblemException withErrors(List<Problem.FieldError> renamed) {
        String detail = renamed.size() == 1 ? renamed.get(0).field() + ": " + renamed.get(0).message() : getMessage();
        return new ProblemException(status, title, detail, renamed, retryAfter);
    }

    public HttpStatus status() {
        return status;
    }

    /** Seconds a client should wait before retrying, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }

    public Problem toProblem() {
        return new Problem(Problem.typeOf(status), title, status.getCode(), getMessage(), errors);
    }
}
