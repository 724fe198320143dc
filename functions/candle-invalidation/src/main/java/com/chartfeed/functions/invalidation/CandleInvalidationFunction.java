package com.chartfeed.functions.invalidation;

import com.amazonaws.services.lambda.runtime.Context;
import com.chartfeed.ingestion.IngestionEventProcessor;
import com.chartfeed.lambda.HandlerLifecycle;
import com.chartfeed.lambda.PrimingRequests;
import com.chartfeed.lambda.SnapStartHooks;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * Lambda handler of the candle-invalidation function: one handler for SNS notifications,
 * EventBridge events and SQS batches of candle-ingestion events (docs/api.md, "Events: candle
 * ingestion"), which makes the cache of the candles they name stale fleet-wide.
 *
 * <p>A stream handler, because the three envelopes have nothing in common to deserialise into:
 * the raw JSON goes to {@link IngestionEventProcessor}, which answers SQS with
 * {@code batchItemFailures} and the others with a summary, or throws so that Lambda retries an
 * SNS or EventBridge event that did not reach Redis. {@link MicronautRequestStreamHandler} starts
 * the application context once per container and hands each invocation's Lambda context to
 * {@link com.chartfeed.lambda.CurrentInvocation}.
 */
public final class CandleInvalidationFunction extends MicronautRequestStreamHandler {
    /** The {@code Function} dimension of the metrics and the {@code function} of the log lines. */
    private static final String FUNCTION = "candle-invalidation";

    private final IngestionEventProcessor processor;
    private final HandlerLifecycle lifecycle;

    /** Used by the Lambda runtime: starts the application context once per container and registers the hooks. */
    public CandleInvalidationFunction() {
        super();
        this.processor = getApplicationContext().getBean(IngestionEventProcessor.class);
        this.lifecycle = HandlerLifecycle.registered(getApplicationContext(), this::prime);
    }

    /** For tests and a local invoker, with an application context configured by the caller. */
    public CandleInvalidationFunction(ApplicationContext context) {
        super(context);
        this.processor = getApplicationContext().getBean(IngestionEventProcessor.class);
        this.lifecycle = new HandlerLifecycle(getApplicationContext(), this::prime);
    }

    /** See {@link HandlerLifecycle#lazySingletons}. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return HandlerLifecycle.lazySingletons(super.newApplicationContextBuilder());
    }

    /** The SnapStart hooks of this handler (registered with the JVM only by the Lambda constructor). */
    public SnapStartHooks snapStart() {
        return lifecycle.snapStart();
    }

    private void prime() {
        processor.process(PrimingRequests.candleNotification(), null);
    }

    /**
     * Replaces the function-bean lookup of the superclass: every event goes to the processor, in
     * an invocation of the {@link HandlerLifecycle} (its metrics record written also when the
     * processor throws for Lambda to retry).
     */
    @Override
    protected void execute(InputStream input, OutputStream output, Context context) throws IOException {
        try (HandlerLifecycle.Invocation _ = lifecycle.begin(FUNCTION, context, null)) {
            output.write(processor.process(input.readAllBytes(),
                    context == null ? null : Duration.ofMillis(context.getRemainingTimeInMillis())));
        }
    }

    /**
     * Closes the application context. The Lambda runtime never calls this (the context lives as
     * long as the container); tests and a local invoker do. The superclass's own close is a no-op
     * because its execute calls close after every invocation; this class's execute does not.
     */
    @Override
    public void close() {
        if (getApplicationContext().isRunning()) {
            getApplicationContext().close();
        }
    }
}
