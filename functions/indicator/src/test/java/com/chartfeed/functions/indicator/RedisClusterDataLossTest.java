package com.chartfeed.functions.indicator;

import com.chartfeed.testing.OwnRedis;

/**
 * {@link RedisDataLossTest} on a three-node Redis Cluster (Lettuce's cluster client): each fault
 * hits the node serving the test's symbol (restarted empty or from its snapshot, paused), or every
 * node ({@code FLUSHALL}); the generation scripts run on that node and compare its identity.
 */
class RedisClusterDataLossTest extends RedisDataLossTest {
    @Override
    OwnRedis startRedis() {
        return OwnRedis.cluster();
    }
}
