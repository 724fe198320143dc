package com.chartfeed.functions.cache;

import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

/**
 * Lambda handler of the cache-stats function: API Gateway HTTP API (payload 2.0) events in, routed
 * to {@link CacheController}.
 */
public final class CacheFunction extends APIGatewayV2HTTPEventFunction {

    /** Used by the Lambda runtime: starts the application context once per container. */
    public CacheFunction() {
        super();
    }

    /** For tests and the local invoker, with an application context configured by the caller. */
    public CacheFunction(ApplicationContext context) {
        super(context);
    }
}
