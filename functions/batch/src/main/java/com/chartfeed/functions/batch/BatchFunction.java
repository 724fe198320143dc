package com.chartfeed.functions.batch;

import com.chartfeed.lambda.HttpApiFunction;
import com.chartfeed.lambda.PrimingRequests;
import io.micronaut.context.ApplicationContext;

/**
 * Lambda handler of the batch function: API Gateway HTTP API (payload 2.0) events in, routed to
 * {@link BatchController}.
 */
public final class BatchFunction extends HttpApiFunction {

    /** Used by the Lambda runtime. */
    public BatchFunction() {
        super();
    }

    /** For tests and the local invoker, with an application context configured by the caller. */
    public BatchFunction(ApplicationContext context) {
        super(context);
    }

    /** SnapStart's priming request: a batch of two indicators of a symbol no one stores (items 404). */
    @Override
    protected void prime() {
        handleRequest(PrimingRequests.postJson("/v1/indicators/batch", "{\"requests\":["
                + "{\"symbol\":\"" + PrimingRequests.SYMBOL + "\",\"indicator\":\"rsi\",\"interval\":\"1h\",\"limit\":3},"
                + "{\"symbol\":\"" + PrimingRequests.SYMBOL + "\",\"indicator\":\"macd\",\"interval\":\"1d\"}]}"),
                PrimingRequests.context());
    }

    @Override
    protected String functionName() {
        return "batch";
    }
}
