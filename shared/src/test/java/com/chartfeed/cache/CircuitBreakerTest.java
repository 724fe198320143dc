package com.chartfeed.cache;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The breaker's states on a controlled clock. */
class CircuitBreakerTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final CircuitBreaker breaker = new CircuitBreaker(Duration.ofNanos(100), now::get);

    @Test
    void opensOnFailureAndLetsOneProbeThroughAfterTheInterval() {
        assertTrue(breaker.allowRequest());
        breaker.onFailure();
        assertTrue(breaker.isOpen());
        assertFalse(breaker.allowRequest());
        now.addAndGet(99);
        assertFalse(breaker.allowRequest(), "still open within the interval");
        now.addAndGet(1);
        assertTrue(breaker.allowRequest(), "one probe");
        assertFalse(breaker.allowRequest(), "only one");
        breaker.onSuccess();
        assertFalse(breaker.isOpen());
        assertTrue(breaker.allowRequest());
        assertTrue(breaker.allowRequest());
    }

    @Test
    void aFailedProbeOpensItAgain() {
        breaker.onFailure();
        now.addAndGet(100);
        assertTrue(breaker.allowRequest());
        breaker.onFailure();
        assertFalse(breaker.allowRequest());
        now.addAndGet(100);
        assertTrue(breaker.allowRequest());
    }
}
