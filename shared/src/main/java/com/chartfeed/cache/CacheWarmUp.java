package com.chartfeed.cache;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;

/**
 * Opens and warms the Redis connection while the container starts (Lambda's init phase), not on
 * its first request, waiting at most the connect and bulk timeouts (2.5 s): a request
 * never waits for a connection longer than its command deadline, and without this the first
 * requests of every new container would go without L2. SnapStart's hooks do the same after a restore.
 */
@Singleton
final class CacheWarmUp implements ApplicationEventListener<StartupEvent> {
    private final L2Cache l2;

    CacheWarmUp(L2Cache l2) {
        this.l2 = l2;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        l2.connect();
    }
}
