package com.chartfeed.batch;

import com.chartfeed.problems.Problem;

import java.util.List;

/**
 * The answer of {@code POST /v1/indicators/batch}: one result per request, in request order.
 * Written by {@link BatchJson}.
 */
public record BatchResponse(List<Result> results, Meta meta) {

    /**
     * Either {@code data}, the item's indicator body as JSON (status 200), or {@code error}, a
     * problem.
     */
    public record Result(int status, byte[] data, Problem error) {
    }

    /** Where the batch's answers came from, and how long it took. */
    public record Meta(int l1Hits, int l2Hits, int misses, int stale, long durationMs) {
    }
}
