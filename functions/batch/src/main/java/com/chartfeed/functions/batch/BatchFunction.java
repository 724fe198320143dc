package com.chartfeed.functions.batch;

import com.chartfeed.lambda.PrimingRequests;
import com.chartfeed.lambda.SnapStartHooks;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

/**
 * Lambda handler of the batch function: API Gateway HTTP API (payload 2.0) events in, routed to
 * {@link BatchController}.
 */
public final class BatchFunction extends APIGatewayV2HTTPEventFunction {
    private final SnapStartHooks snapStart;

    /** Used by the Lambda runtime: starts the application context once per container. */
    public BatchFunction() {
        super();
        snapStart = new SnapStartHooks(getApplicationContext(), this::prime).registered();
    }

    /** For tests and the local invoker, with an application context configured by the caller. */
    public BatchFunction(ApplicationContext context) {
        super(context);
        snapStart = new SnapStartHooks(getApplicationContext(), this::prime);
    }

    /**
     * Lambda's context builder, less its eager creation of every singleton at init: a JVM start
     * then creates only what a request needs (not, say, micronaut-redis's unused text and pub/sub
     * connections, each a synchronous connect), and SnapStart's priming creates that before the
     * snapshot anyway.
     */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return super.newApplicationContextBuilder().eagerInitSingletons(false);
    }

    /** The SnapStart hooks of this handler (registered with the JVM only by the Lambda constructor). */
    public SnapStartHooks snapStart() {
        return snapStart;
    }

    /** SnapStart's priming request: a batch of two indicators of a symbol no one stores (items 404). */
    private void prime() {
        handleRequest(PrimingRequests.postJson("/v1/indicators/batch", "{\"requests\":["
                + "{\"symbol\":\"" + PrimingRequests.SYMBOL + "\",\"indicator\":\"rsi\",\"interval\":\"1h\",\"limit\":3},"
                + "{\"symbol\":\"" + PrimingRequests.SYMBOL + "\",\"indicator\":\"macd\",\"interval\":\"1d\"}]}"),
                PrimingRequests.context());
    }
}
