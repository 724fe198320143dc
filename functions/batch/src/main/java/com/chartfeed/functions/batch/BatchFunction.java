package com.chartfeed.functions.batch;

import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

/**
 * Lambda handler of the batch function: API Gateway HTTP API (payload 2.0) events in, routed to
 * {@link BatchController}.
 */
public final class BatchFunction extends APIGatewayV2HTTPEventFunction {

    /** Used by the Lambda runtime: starts the application context once per container. */
    public BatchFunction() {
        super();
    }

    /** For tests and the local invoker, with an application context configured by the caller. */
    public BatchFunction(ApplicationContext context) {
        super(context);
    }
}
