package com.chartfeed.ingestion;

/**
 * The envelope an ingestion event came in, which decides how Lambda wants the answer: an SQS batch
 * answers {@code batchItemFailures}; SNS and EventBridge are invoked asynchronously and retry on an
 * exception.
 */
public enum EventKind {
    SQS,
    SNS,
    EVENTBRIDGE,
    /** Not one of the three envelopes at all: nothing to retry, nothing to invalidate. */
    UNRECOGNISED
}
