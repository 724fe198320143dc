package com.chartfeed.problems;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Locale;

/**
 * An RFC 7807 problem, the body of every error this service returns
 * ({@code application/problem+json}).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid input: the field (query parameter, path part or body field) and what is wrong. */
    @Serdeable
    public record FieldError(String field, String message) {
    }

    /** The problem {@code type} URI of an HTTP status, e.g. {@code .../problems/bad-request}. */
    public static String typeOf(HttpStatus status) {
        return "https://chartfeed.dev/problems/" + status.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
