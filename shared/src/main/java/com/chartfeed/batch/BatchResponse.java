package com.chartfeed.batch;

import com.chartfeed.api.Problem;
import com.chartfeed.api.ResponseBodies.IndicatorBody;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The answer of {@code POST /v1/indicators/batch}: one result per request, in request order. */
@Serdeable
public record BatchResponse(List<Result> results, Meta meta) {

    /** Either {@code data} (status 200) or {@code error} (a problem). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(int status, IndicatorBody data, Problem error) {
    }

    /** Where the batch's answers came from, and how long it took. */
    @Serdeable
    public record Meta(int l1Hits, int l2Hits, int misses, int stale, long durationMs) {
    }
}
