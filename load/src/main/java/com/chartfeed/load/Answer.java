package com.chartfeed.load;

/**
 * One request's outcome as the client saw it: the HTTP status (0 when no answer came), the
 * {@code X-Cache} and {@code ETag} headers, the latency, the body when it was kept, and the failure when there was
 * no answer ({@code timeout} for the client's deadline, the exception's name otherwise).
 */
public record Answer(int status, String xCache, String etag, long nanos, byte[] body, String failure) {

    /** No header is counted as such, so that a route that forgets it shows up in the counts. */
    public static final String NO_X_CACHE = "none";
    public static final String TIMEOUT = "timeout";

    static Answer failed(String failure, long nanos) {
        return new Answer(0, NO_X_CACHE, null, nanos, null, failure);
    }

    /** What the status counts are keyed by: the status code, or the failure. */
    public String statusKey() {
        return status == 0 ? failure : Integer.toString(status);
    }

    public boolean timedOut() {
        return TIMEOUT.equals(failure);
    }
}
