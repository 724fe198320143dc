package com.chartfeed.cache;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;

/**
 * Opens the Redis connection when the container starts (or when SnapStart takes its snapshot),
 * not on the first request.
 */
@Singleton
public final class CacheWarmUp implements ApplicationEventListener<StartupEvent> {
    private final RedisConnector redis;

    public CacheWarmUp(RedisConnector redis) {
        this.redis = redis;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        redis.warmUp();
    }
}
