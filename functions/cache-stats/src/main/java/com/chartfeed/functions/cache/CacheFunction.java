package com.chartfeed.functions.cache;

import com.chartfeed.lambda.HttpApiFunction;
import com.chartfeed.lambda.PrimingRequests;
import io.micronaut.context.ApplicationContext;

/**
 * Lambda handler of the cache-stats function: API Gateway HTTP API (payload 2.0) events in, routed
 * to {@link CacheController}.
 */
public final class CacheFunction extends HttpApiFunction {

    /** Used by the Lambda runtime. */
    public CacheFunction() {
        super();
    }

    /** For tests and the local invoker, with an application context configured by the caller. */
    public CacheFunction(ApplicationContext context) {
        super(context);
    }

    /** SnapStart's priming requests: the cache's health and statistics (read only). */
    @Override
    protected void prime() {
        handleRequest(PrimingRequests.get("/v1/cache/health", ""), PrimingRequests.context());
        handleRequest(PrimingRequests.get("/v1/cache/stats", ""), PrimingRequests.context());
    }

    @Override
    protected String functionName() {
        return "cache-stats";
    }
}
