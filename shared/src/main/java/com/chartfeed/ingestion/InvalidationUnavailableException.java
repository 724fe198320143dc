package com.chartfeed.ingestion;

/**
 * Thrown out of an SNS or EventBridge invocation whose invalidation did not reach Redis, so that
 * Lambda's asynchronous retries, then the dead-letter queue or on-failure destination, take over.
 * Never thrown for malformed records: retrying those cannot help.
 */
public final class InvalidationUnavailableException extends RuntimeException {
    public InvalidationUnavailableException(String message) {
        super(message);
    }
}
