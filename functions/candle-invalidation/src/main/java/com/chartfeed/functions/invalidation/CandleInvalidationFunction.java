package com.chartfeed.functions.invalidation;

import com.amazonaws.services.lambda.runtime.Context;
import com.chartfeed.ingestion.IngestionEventProcessor;
import com.chartfeed.lambda.PrimingRequests;
import com.chartfeed.logging.RequestLog;
import com.chartfeed.metrics.InvocationMetrics;
import com.chartfeed.lambda.SnapStartHooks;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
    /** SnapStart's priming event: an SNS notification of candles of a symbol no one stores. */
    private static final byte[] PRIMING_EVENT = ("{\"Records\":[{\"EventSource\":\"aws:sns\",\"Sns\":{"
            + "\"Type\":\"Notification\",\"MessageId\":\"snapstart-priming\",\"Message\":"
            + "\"{\\\"symbol\\\":\\\"" + PrimingRequests.SYMBOL + "\\\",\\\"interval\\\":\\\"1h\\\","
            + "\\\"from\\\":1700000000,\\\"to\\\":1700003600}\"}}]}").getBytes(StandardCharsets.UTF_8);

    /** The {@code Function} dimension of the metrics and the {@code function} of the log lines. */
    private static final String FUNCTION = "candle-invalidation";

    private final IngestionEventProcessor processor;
    private final InvocationMetrics metrics;
    private final SnapStartHooks snapStart;

    /** Used by the Lambda runtime: starts the application context once per container. */
    public CandleInvalidationFunction() {
        super();
        this.processor = getApplicationContext().getBean(IngestionEventProcessor.class);
        this.metrics = getApplicationContext().getBean(InvocationMetrics.class);
        this.snapStart = new SnapStartHooks(getApplicationContext(), this::prime).registered();
    }

    /** For tests and a local invoker, with an application context configured by the caller. */
    public CandleInvalidationFunction(ApplicationContext context) {
        super(context);
        this.processor = getApplicationContext().getBean(IngestionEventProcessor.class);
        this.metrics = getApplicationContext().getBean(InvocationMetrics.class);
        this.snapStart = new SnapStartHooks(getApplicationContext(), this::prime);
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

    private void prime() {
        processor.process(PRIMING_EVENT, null);
    }

    /**
     * Replaces the function-bean lookup of the superclass: every event goes to the processor, with
     * Lambda's request id in every log line and one CloudWatch EMF record per invocation (also when
     * it throws for Lambda to retry).
     */
    @Override
    protected void execute(InputStream input, OutputStream output, Context context) throws IOException {
        String requestId = context == null ? null : context.getAwsRequestId();
        InvocationMetrics.Started started = metrics.start();
        RequestLog.begin(FUNCTION, requestId, null);
        try {
            output.write(processor.process(input.readAllBytes(),
                    context == null ? null : Duration.ofMillis(context.getRemainingTimeInMillis())));
        } finally {
            metrics.finish(started, FUNCTION, requestId, null, false);
            RequestLog.end();
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
