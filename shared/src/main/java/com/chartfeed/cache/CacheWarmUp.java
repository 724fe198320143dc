package com.chartfeed.cache;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;

/**
 * Opens the Redis connection when the container starts, not on the first request: in the
 * background, so the handler's own start-up overlaps it (the first request waits for it if it
 * gets there first). SnapStart's hooks ({@code com.chartfeed.lambda.SnapStartHooks}) reconnect after a restore.
 */
@Singleton
public final class CacheWarmUp implements ApplicationEventListener<StartupEvent> {
    private final RedisConnector redis;

    public CacheWarmUp(RedisConnector redis) {
        this.redis = redis;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        redis.warmUpInBackground();
    }
}
