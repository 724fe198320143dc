package com.chartfeed.load;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Redis the servers of a fault-schedule run share, and the faults the nemesis can inject into
 * it: one {@code redis-server} ({@link StandaloneRedis}) or a cluster ({@link ClusterRedis}). Each
 * fault is begun by {@link #begin} and ended by the repair it returns (a no-op for instant faults
 * such as {@code FLUSHALL}).
 */
interface RedisTopology extends AutoCloseable {

    /** {@code standalone} or {@code cluster}. */
    String name();

    /** The servers' settings that point them at this Redis ({@code REDIS_URI} or {@code REDIS_URIS}). */
    Map<String, String> serverEnv();

    /** The fault kinds this topology can inject, named {@code redis-*}. */
    List<String> faults();

    /** Takes the snapshot a later {@code redis-snapshot-restart} goes back to. */
    void snapshot();

    Nemesis.Begun begin(String kind, SplittableRandom random);

    @Override
    void close();
}
