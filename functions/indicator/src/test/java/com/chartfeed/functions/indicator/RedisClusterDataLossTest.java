package com.chartfeed.functions.indicator;

import com.chartfeed.testing.OwnRedis;
import com.chartfeed.testing.RedisClusterProcess;
import com.chartfeed.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link RedisDataLossTest} on a three-node Redis Cluster (Lettuce's cluster client): each fault
 * hits the node serving the test's symbol (restarted empty or from its snapshot, paused), or every
 * node ({@code FLUSHALL}); the generation scripts run on that node and compare its identity. One
 * cluster serves the four tests (each has its own symbol and containers, and leaves every node
 * serving): forming one takes seconds.
 */
class RedisClusterDataLossTest extends RedisDataLossTest {
    private static RedisClusterProcess cluster;

    @BeforeAll
    static void startCluster() {
        cluster = TestServices.startRedisCluster();
    }

    @AfterAll
    static void closeCluster() {
        cluster.close();
    }

    @Override
    OwnRedis startRedis() {
        return OwnRedis.sharing(cluster);
    }
}
