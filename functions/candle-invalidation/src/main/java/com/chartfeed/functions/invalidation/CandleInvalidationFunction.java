package com.chartfeed.functions.invalidation;

import com.amazonaws.services.lambda.runtime.Context;
import com.chartfeed.ingestion.IngestionEventProcessor;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * Lambda handler of the candle-invalidation function: one handler for SNS notifications,
 * EventBridge events and SQS batches of candle-ingestion events (API.md, "Events: candle
 * ingestion"), which makes the cache of the candles they name stale fleet-wide.
 *
 * <p>A stream handler, because the three envelopes have nothing in common to deserialise into:
 * the raw JSON goes to {@link IngestionEventProcessor}, which answers SQS with
 * {@code batchItemFailures} and the others with a summary, or throws so that Lambda retries an
 * SNS or EventBridge event that did not reach Redis. {@link MicronautRequestStreamHandler} starts
 * the application context once per container and registers each invocation's Lambda context.
 */
public final class CandleInvalidationFunction extends MicronautRequestStreamHandler {
    private final IngestionEventProcessor processor;

    /** Used by the Lambda runtime: starts the application context once per container. */
    public CandleInvalidationFunction() {
        super();
        this.processor = getApplicationContext().getBean(IngestionEventProcessor.class);
    }

    /** For tests and a local invoker, with an application context configured by the caller. */
    public CandleInvalidationFunction(ApplicationContext context) {
        super(context);
        this.processor = getApplicationContext().getBean(IngestionEventProcessor.class);
    }

    /** Replaces the function-bean lookup of the superclass: every event goes to the processor. */
    @Override
    protected void execute(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(processor.process(input.readAllBytes(),
                context == null ? null : Duration.ofMillis(context.getRemainingTimeInMillis())));
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
