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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.time.Duration;

import static com.chartfeed.api.OpenApiRefs.BAD_REQUEST;
import static com.chartfeed.api.OpenApiRefs.BATCH_REQUEST;
import static com.chartfeed.api.OpenApiRefs.BATCH_REQUEST_TEXT;
import static com.chartfeed.api.OpenApiRefs.BATCH_RESPONSE;
import static com.chartfeed.api.OpenApiRefs.CACHE_CONTROL_HEADER;
import static com.chartfeed.api.OpenApiRefs.JSON;
import static com.chartfeed.api.OpenApiRefs.TAG_INDICATORS;

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
    @Operation(operationId = "postBatch", tags = TAG_INDICATORS, summary = "Several studies' series in one call",
            description = """
                    Up to ten indicator requests, each what `GET /v1/indicators/{symbol}/{indicator}` takes, \
                    answered in request order, each with its own status: one bad item does not fail the \
                    others, and items still running at the batch's deadline answer `504`.""")
    @RequestBody(required = true, content = {
            @Content(mediaType = JSON, schema = @Schema(ref = BATCH_REQUEST)),
            @Content(mediaType = "text/plain", schema = @Schema(ref = BATCH_REQUEST_TEXT))})
    @ApiResponse(responseCode = "200", description = "Every item's answer, in request order.",
            headers = @Header(name = "Cache-Control", required = true, schema = @Schema(ref = CACHE_CONTROL_HEADER)),
            content = @Content(mediaType = JSON, schema = @Schema(ref = BATCH_RESPONSE)))
    @ApiResponse(responseCode = "400", ref = BAD_REQUEST,
            description = "The body is not `{\"requests\": [...]}` with 1 to 10 items.")
    public HttpResponse<byte[]> batch(@Parameter(hidden = true) @Nullable @Body byte[] body) {
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
