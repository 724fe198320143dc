package com.chartfeed.functions.cache;

import com.chartfeed.lambda.PrimingRequests;
import com.chartfeed.lambda.SnapStartHooks;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

/**
 * Lambda handler of the cache-stats function: API Gateway HTTP API (payload 2.0) events in, routed
 * to {@link CacheController}.
 */
public final class CacheFunction extends APIGatewayV2HTTPEventFunction {
    private final SnapStartHooks snapStart;

    /** Used by the Lambda runtime: starts the application context once per container. */
    public CacheFunction() {
        super();
        snapStart = new SnapStartHooks(getApplicationContext(), this::prime).registered();
    }

    /** For tests and the local invoker, with an application context configured by the caller. */
    public CacheFunction(ApplicationContext context) {
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

    /** SnapStart's priming requests: the cache's health and statistics (read only). */
    private void prime() {
        handleRequest(PrimingRequests.get("/v1/cache/health", ""), PrimingRequests.context());
        handleRequest(PrimingRequests.get("/v1/cache/stats", ""), PrimingRequests.context());
    }
}
