package com.chartfeed.cache;

import io.micronaut.configuration.lettuce.DefaultRedisConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Bounds what Lettuce's cluster client waits for a node of {@code redis.uris} by the bulk timeout
 * ({@code cache.redis-bulk-timeout}) instead of its default 60 s. The client reads the cluster's
 * topology from those nodes, and makes its connections, waiting that long for each node; a node
 * that hangs (paused, or its packets dropped) while a container starts would otherwise keep the
 * container off every node, the healthy ones too, for a minute.
 */
@Singleton
final class ClusterSeedTimeouts implements BeanCreatedEventListener<DefaultRedisConfiguration> {
    private final CacheSettings settings;

    ClusterSeedTimeouts(CacheSettings settings) {
        this.settings = settings;
    }

    @Override
    public DefaultRedisConfiguration onCreated(BeanCreatedEvent<DefaultRedisConfiguration> event) {
        DefaultRedisConfiguration configuration = event.getBean();
        configuration.getUris().forEach(uri -> uri.setTimeout(settings.redisBulkTimeout()));
        return configuration;
    }
}
