package com.chartfeed.load;

import com.chartfeed.testing.RedisClusterProcess;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A three-master Redis Cluster of the run's own ({@link RedisClusterProcess}); the servers use
 * Lettuce's cluster client ({@code REDIS_URIS}). Faults hit one node drawn at random (its slots,
 * so the symbols that live there), except {@code FLUSHALL}, which empties every node. No proxy sits
 * in front of the nodes (the cluster hands out the nodes' own addresses), so connections are not
 * black-holed here; a paused node does the same to the symbols it serves.
 */
final class ClusterRedis implements RedisTopology {
    private final RedisClusterProcess cluster;

    private ClusterRedis(RedisClusterProcess cluster) {
        this.cluster = cluster;
    }

    static ClusterRedis start() {
        return new ClusterRedis(RedisClusterProcess.start());
    }

    @Override
    public String name() {
        return "cluster";
    }

    @Override
    public Map<String, String> serverEnv() {
        return Map.of("REDIS_URIS", cluster.uris());
    }

    @Override
    public List<String> faults() {
        return List.of("redis-restart-empty", "redis-flushall", "redis-snapshot-restart", "redis-pause");
    }

    @Override
    public void snapshot() {
        for (int node = 0; node < RedisClusterProcess.NODES; node++) {
            cluster.save(node);
        }
    }

    @Override
    public Nemesis.Begun begin(String kind, SplittableRandom random) {
        int node = random.nextInt(RedisClusterProcess.NODES);
        String target = "redis node " + node + ":" + cluster.port(node);
        switch (kind) {
            case "redis-restart-empty" -> {
                cluster.restart(node);
                // A restart empties the node's snapshot too: take one, so a later rollback has one to go back to.
                cluster.save(node);
                return new Nemesis.Begun(target, "killed, restarted empty", () -> { });
            }
            case "redis-flushall" -> {
                cluster.flushAll();
                return new Nemesis.Begun("redis cluster", "FLUSHALL on every node", () -> { });
            }
            case "redis-snapshot-restart" -> {
                cluster.crashAndRestartFromSnapshot(node);
                return new Nemesis.Begun(target, "kill -9, restarted from its last snapshot", () -> { });
            }
            case "redis-pause" -> {
                cluster.pause(node);
                return new Nemesis.Begun(target, "SIGSTOP", () -> {
                    cluster.resume(node);
                    cluster.awaitOk();
                });
            }
            default -> throw new IllegalArgumentException("not a fault of a Redis Cluster: " + kind);
        }
    }

    @Override
    public void close() {
        cluster.close();
    }
}
