package com.chartfeed.load;

import com.chartfeed.testing.RedisServerProcess;
import com.chartfeed.testing.TcpProxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One {@code redis-server} of the run's own, which the servers reach through a {@link TcpProxy}
 * so that their connections can be black-holed. Its snapshot is copied aside when taken, since a
 * restart (empty) deletes {@code dump.rdb}, and put back before a restart from it.
 */
final class StandaloneRedis implements RedisTopology {
    private static final String SNAPSHOT = "dump.rdb";
    private static final String KEPT = "dump.rdb.kept";

    private final RedisServerProcess redis;
    private final TcpProxy proxy;
    private final Path dir;

    private StandaloneRedis(RedisServerProcess redis, TcpProxy proxy, Path dir) {
        this.redis = redis;
        this.proxy = proxy;
        this.dir = dir;
    }

    /** Starts the server in {@code dir} (its log and snapshots stay there) and its proxy. */
    static StandaloneRedis start(Path dir) {
        RedisServerProcess redis = RedisServerProcess.start(dir);
        try {
            return new StandaloneRedis(redis, TcpProxy.to("127.0.0.1", redis.port()), dir);
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "standalone";
    }

    @Override
    public Map<String, String> serverEnv() {
        return Map.of("REDIS_URI", "redis://127.0.0.1:" + proxy.port());
    }

    @Override
    public List<String> faults() {
        return List.of("redis-restart-empty", "redis-flushall", "redis-snapshot-restart", "redis-pause",
                "redis-blackhole");
    }

    @Override
    public void snapshot() {
        redis.command("SAVE");
        copy(SNAPSHOT, KEPT);
    }

    @Override
    public Nemesis.Begun begin(String kind, SplittableRandom random) {
        String target = "redis:" + redis.port();
        switch (kind) {
            case "redis-restart-empty" -> {
                redis.restart();
                return new Nemesis.Begun(target, "killed, restarted empty", () -> { });
            }
            case "redis-flushall" -> {
                redis.command("FLUSHALL");
                return new Nemesis.Begun(target, "FLUSHALL", () -> { });
            }
            case "redis-snapshot-restart" -> {
                copy(KEPT, SNAPSHOT);
                redis.crashAndRestartFromSnapshot();
                return new Nemesis.Begun(target, "kill -9, restarted from the last snapshot", () -> { });
            }
            case "redis-pause" -> {
                redis.pause();
                return new Nemesis.Begun(target, "SIGSTOP", redis::resume);
            }
            case "redis-blackhole" -> {
                proxy.blackhole();
                return new Nemesis.Begun(target, "connections black-holed", proxy::restore);
            }
            default -> throw new IllegalArgumentException("not a fault of a standalone Redis: " + kind);
        }
    }

    private void copy(String from, String to) {
        try {
            Files.copy(dir.resolve(from), dir.resolve(to), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the Redis snapshot " + from + " to " + to, e);
        }
    }

    @Override
    public void close() {
        try {
            proxy.close();
        } finally {
            redis.close();
        }
    }
}
