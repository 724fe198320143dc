package com.chartfeed.cache;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Skips a failing dependency (Redis) for a while, so that no request waits for a dead server
 * more than once per {@code openFor}. After that, exactly one request probes it; success closes
 * the breaker, failure opens it again.
 *
 * <p>Hand-written rather than taken from a resilience library because it sits on the L1-hit path
 * of every request: a volatile read when closed, no allocation, no exception for flow control.
 */
public final class CircuitBreaker {
    private final long openForNanos;
    private final LongSupplier clock;
    private volatile long openUntil;
    private volatile boolean open;
    private final AtomicBoolean probing = new AtomicBoolean();

    public CircuitBreaker(java.time.Duration openFor) {
        this(openFor, System::nanoTime);
    }

    CircuitBreaker(java.time.Duration openFor, LongSupplier clock) {
        this.openForNanos = openFor.toNanos();
        this.clock = clock;
    }

    /** Whether a call may go ahead now. A {@code true} while open is the one probe: report its outcome. */
    public boolean allowRequest() {
        if (!open) {
            return true;
        }
        return clock.getAsLong() - openUntil >= 0 && probing.compareAndSet(false, true);
    }

    /** A call went through; whether that closed the breaker (the dependency is back). */
    public boolean onSuccess() {
        if (open) {
            open = false;
            probing.set(false);
            return true;
        }
        return false;
    }

    /** A call that was allowed did not reach the dependency after all: the probe, if it was one, is free again. */
    public void onSkipped() {
        probing.set(false);
    }

    public void onFailure() {
        openUntil = clock.getAsLong() + openForNanos;
        open = true;
        probing.set(false);
    }

    public boolean isOpen() {
        return open;
    }
}
