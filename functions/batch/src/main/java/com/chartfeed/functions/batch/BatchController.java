package com.chartfeed.functions.batch;

import com.amazonaws.services.lambda.runtime.Context;
import com.chartfeed.batch.BatchJson;
import com.chartfeed.batch.BatchParser;
import com.chartfeed.batch.BatchService;
import com.chartfeed.batch.BatchSettings;
import com.chartfeed.lambda.CurrentInvocation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

import java.time.Duration;

/** {@code POST /v1/indicators/batch}. */
@Controller("/v1/indicators/batch")
public class BatchController {
    private final BatchParser parser;
    private final BatchService batches;
    private final BatchJson json;
    private final BatchSettings settings;
    private final CurrentInvocation lambda;

    public BatchController(BatchParser parser, BatchService batches, BatchJson json, BatchSettings settings,
                           CurrentInvocation lambda) {
        this.parser = parser;
        this.batches = batches;
        this.json = json;
        this.settings = settings;
        this.lambda = lambda;
    }

    @Post
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public HttpResponse<byte[]> batch(@Nullable @Body byte[] body) {
        byte[] answer = json.write(batches.run(parser.parse(body), deadline()));
        return HttpResponse.ok(answer).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** The configured deadline, but never past what the Lambda invocation has left. */
    private Duration deadline() {
        Duration deadline = settings.deadline();
        Context invocation = lambda.context().orElse(null);
        if (invocation != null) {
            Duration left = Duration.ofMillis(invocation.getRemainingTimeInMillis()).minus(settings.lambdaReserve());
            if (left.compareTo(deadline) < 0) {
                deadline = left.isNegative() ? Duration.ZERO : left;
            }
        }
        return deadline;
    }
}
