package com.chartfeed.ingestion;

/**
 * An ingestion record that can never be applied, whatever the retries: its reason is safe to log
 * and to return (user text in it is quoted and escaped).
 */
public final class MalformedRecordException extends Exception {
    public MalformedRecordException(String reason) {
        super(reason, null, false, false);
    }

    public String reason() {
        return getMessage();
    }
}
