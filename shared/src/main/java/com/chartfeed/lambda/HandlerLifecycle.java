package com.chartfeed.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.chartfeed.logging.RequestLog;
import com.chartfeed.metrics.InvocationMetrics;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.core.annotation.Nullable;

/**
 * What every Lambda handler of the functions does besides its own work, written once: an
 * application context that creates singletons when they are first needed, SnapStart hooks that
 * prime the handler before the snapshot, and around each invocation its ids in every log line's
 * MDC and one CloudWatch EMF record ({@link InvocationMetrics}), also when the handler throws.
 *
 * <p>A handler holds one rather than extending a common base: the HTTP functions extend
 * micronaut-function-aws's API Gateway function ({@link HttpApiFunction}), the candle-invalidation
 * function its stream handler.
 */
public final class HandlerLifecycle {
    private final ApplicationContext context;
    private final SnapStartHooks snapStart;
    private volatile InvocationMetrics metrics;

    /**
     * For tests and the local invoker, whose hooks are not registered with the JVM (a test calls
     * them). {@code primer} sends the handler its priming requests; they must not need any data.
     */
    public HandlerLifecycle(ApplicationContext context, Runnable primer) {
        this(context, new SnapStartHooks(context, primer));
    }

    private HandlerLifecycle(ApplicationContext context, SnapStartHooks snapStart) {
        this.context = context;
        this.snapStart = snapStart;
    }

    /** For the Lambda runtime's constructor: the hooks registered with the JVM, for SnapStart to call. */
    public static HandlerLifecycle registered(ApplicationContext context, Runnable primer) {
        return new HandlerLifecycle(context, new SnapStartHooks(context, primer).registered());
    }

    /**
     * Lambda's context builder, less its eager creation of every singleton at init: a JVM start
     * then creates only what a request needs (not, say, micronaut-redis's unused text and pub/sub
     * connections, each a synchronous connect), and SnapStart's priming creates that before the
     * snapshot anyway. For each handler's {@code newApplicationContextBuilder}.
     */
    public static ApplicationContextBuilder lazySingletons(ApplicationContextBuilder builder) {
        return builder.eagerInitSingletons(false);
    }

    /** The SnapStart hooks of the handler (registered with the JVM only by {@link #registered}). */
    public SnapStartHooks snapStart() {
        return snapStart;
    }

    /**
     * Begins an invocation of {@code function} (its name in {@code infra/template.yaml}, the
     * {@code Function} dimension of its metrics): Lambda's and API Gateway's request ids in the
     * MDC, and the counters its metrics record starts from. Close it when the invocation ends.
     */
    public Invocation begin(String function, @Nullable Context lambda, @Nullable String apiRequestId) {
        if (metrics == null) {
            // On the first invocation rather than at init: it needs the cache's beans, which a start creates lazily.
            metrics = context.getBean(InvocationMetrics.class);
        }
        InvocationMetrics recorder = metrics;
        String awsRequestId = lambda == null ? null : lambda.getAwsRequestId();
        boolean priming = PrimingRequests.isPriming(lambda);
        InvocationMetrics.Started started = recorder.start();
        RequestLog.begin(function, awsRequestId, apiRequestId);
        return () -> {
            recorder.finish(started, function, awsRequestId, apiRequestId, priming);
            RequestLog.end();
        };
    }

    /** One invocation under way; closing it prints its metrics record and clears the MDC. */
    @FunctionalInterface
    public interface Invocation extends AutoCloseable {
        /** Never throws ({@link InvocationMetrics#finish}), so it cannot hide the handler's own exception. */
        @Override
        void close();
    }
}
