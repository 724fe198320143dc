package com.chartfeed.load;

import java.time.Duration;

/** Sleeps that turn an interrupt into an unchecked failure: the drivers have nothing to resume. */
final class Pause {
    private Pause() {
    }

    static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void of(Duration duration) {
        millis(duration.toMillis());
    }

    /** Sleeps until {@code System.nanoTime()} reaches {@code deadline}. */
    static void until(long deadline) {
        long left = deadline - System.nanoTime();
        if (left > 0) {
            millis(Math.max(1, left / 1_000_000));
        }
    }
}
