package com.chartfeed.lambda;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

/**
 * The base of the HTTP functions' Lambda handlers (API Gateway HTTP API, payload 2.0 events routed
 * to the controllers): the application context without Lambda's eager creation of every singleton,
 * and SnapStart hooks that prime the handler with the requests {@link #prime()} sends.
 */
public abstract class HttpApiFunction extends APIGatewayV2HTTPEventFunction {
    private final SnapStartHooks snapStart;

    /** Used by the Lambda runtime: starts the application context once per container and registers the hooks. */
    protected HttpApiFunction() {
        super();
        snapStart = new SnapStartHooks(getApplicationContext(), this::prime).registered();
    }

    /** For tests and the local invoker, with an application context configured by the caller. */
    protected HttpApiFunction(ApplicationContext context) {
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

    /** SnapStart's priming: requests answered before the snapshot, with no data needed (see {@link PrimingRequests}). */
    protected abstract void prime();
}
