package com.chartfeed.testing;

import java.util.Map;

/**
 * A Redis of the test's own, one server or a three-node cluster, so that one coherence test runs
 * on both topologies: the properties that point a container at it, and the faults a test injects
 * where a symbol's keys live (the one server, or the cluster node serving the symbol's slot).
 */
public sealed interface OwnRedis extends AutoCloseable {

    /** One {@link RedisServerProcess}; skips the test where {@code redis-server} is not installed. */
    static OwnRedis standalone() {
        return new Standalone(TestServices.startRedisServer());
    }

    /** A {@link RedisClusterProcess}; skips the test where {@code redis-server} is not installed. */
    static OwnRedis cluster() {
        return new Cluster(TestServices.startRedisCluster(), true);
    }

    /**
     * A cluster a test class started once for all its tests (forming one takes seconds): {@link
     * #close()} leaves it running; the class closes it.
     */
    static OwnRedis sharing(RedisClusterProcess cluster) {
        return new Cluster(cluster, false);
    }

    /** {@code redis.uri}, or {@code redis.uris} for a cluster (Lettuce's cluster client). */
    Map<String, Object> properties();

    /** Restarts the server holding {@code symbol}'s keys, empty, and waits until it serves them again. */
    void restart(String symbol);

    /** {@code FLUSHALL} everywhere. */
    void flushAll();

    /** {@code SAVE} on the server holding {@code symbol}'s keys. */
    void save(String symbol);

    /** Kills the server holding {@code symbol}'s keys and restarts it from its last {@link #save}. */
    void crashAndRestartFromSnapshot(String symbol);

    /** {@code SIGSTOP}s the server holding {@code symbol}'s keys. */
    void pause(String symbol);

    /** {@code SIGCONT}s it and waits until it serves again. */
    void resume(String symbol);

    @Override
    void close();

    record Standalone(RedisServerProcess server) implements OwnRedis {
        @Override
        public Map<String, Object> properties() {
            return Map.of("redis.uri", server.uri());
        }

        @Override
        public void restart(String symbol) {
            server.restart();
        }

        @Override
        public void flushAll() {
            expectOk(server.command("FLUSHALL"));
        }

        @Override
        public void save(String symbol) {
            expectOk(server.command("SAVE"));
        }

        @Override
        public void crashAndRestartFromSnapshot(String symbol) {
            server.crashAndRestartFromSnapshot();
        }

        @Override
        public void pause(String symbol) {
            server.pause();
        }

        @Override
        public void resume(String symbol) {
            server.resume();
        }

        @Override
        public void close() {
            server.close();
        }

        @Override
        public String toString() {
            return "one redis-server";
        }
    }

    record Cluster(RedisClusterProcess cluster, boolean owned) implements OwnRedis {
        @Override
        public Map<String, Object> properties() {
            return Map.of("redis.uris", cluster.uris());
        }

        @Override
        public void restart(String symbol) {
            cluster.restart(cluster.nodeOfSymbol(symbol));
        }

        @Override
        public void flushAll() {
            cluster.flushAll();
        }

        @Override
        public void save(String symbol) {
            cluster.save(cluster.nodeOfSymbol(symbol));
        }

        @Override
        public void crashAndRestartFromSnapshot(String symbol) {
            cluster.crashAndRestartFromSnapshot(cluster.nodeOfSymbol(symbol));
        }

        @Override
        public void pause(String symbol) {
            cluster.pause(cluster.nodeOfSymbol(symbol));
        }

        @Override
        public void resume(String symbol) {
            cluster.resume(cluster.nodeOfSymbol(symbol));
            cluster.awaitOk();
        }

        @Override
        public void close() {
            if (owned) {
                cluster.close();
            }
        }

        @Override
        public String toString() {
            return "a three-node Redis Cluster";
        }
    }

    private static void expectOk(String reply) {
        if (!"OK".equals(reply)) {
            throw new IllegalStateException("redis-server answered " + reply);
        }
    }
}
