package com.chartfeed.functions.indicator;

import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

/**
 * Lambda handler of the single-indicator function: API Gateway HTTP API (payload 2.0) events in,
 * routed to {@link IndicatorController} and {@link CandleController}. Nothing else lives here.
 */
public final class IndicatorFunction extends APIGatewayV2HTTPEventFunction {

    /** Used by the Lambda runtime: starts the application context once per container. */
    public IndicatorFunction() {
        super();
    }

    /** For tests and the local invoker, with an application context configured by the caller. */
    public IndicatorFunction(ApplicationContext context) {
        super(context);
    }
}
