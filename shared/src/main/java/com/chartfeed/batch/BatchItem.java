package com.chartfeed.batch;

import com.chartfeed.api.IndicatorRequest;
import com.chartfeed.problems.ProblemException;

/** One request of a batch after validation: either what to compute, or why it can't be. */
public record BatchItem(IndicatorRequest request, ProblemException invalid) {

    public static BatchItem valid(IndicatorRequest request) {
        return new BatchItem(request, null);
    }

    public static BatchItem invalid(ProblemException problem) {
        return new BatchItem(null, problem);
    }

    public boolean isValid() {
        return invalid == null;
    }
}
