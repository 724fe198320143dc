package com.chartfeed.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of three masters, each a {@link RedisServerProcess} of this test's own (cluster
 * mode is built into {@code redis-server}; nothing else is needed), for tests that must hold on a
 * cluster what they hold on one server: the cache's client is then Lettuce's cluster client
 * ({@code redis.uris} set to {@link #uris()}), which routes each command to the node owning its
 * key's slot.
 *
 * <p>Node {@code i} serves the slots {@code [i * 16384 / 3, (i + 1) * 16384 / 3)}; there are no
 * replicas, so nothing fails over: a node that is stopped, restarted or paused takes its slots with
 * it, and the other two go on serving theirs ({@code cluster-require-full-coverage no}, as on
 * ElastiCache). A node restarted keeps its cluster configuration ({@code nodes.conf}: its id and
 * slots) and loses its data, or comes back from its last {@code SAVE}: what a crashed master looks
 * like to a client.
 *
 * <p>Every method that restarts a node returns once the whole cluster says {@code cluster_state:ok}
 * again (a restarted master waits two seconds before it serves, Redis's own delay).
 */
public final class RedisClusterProcess implements AutoCloseable {
    public static final int NODES = 3;
    private static final int SLOTS = 16_384;
    // ElastiCache's default. A node unreachable this long is marked failed by the others, and
    // rejoins only twice as long after that; a shorter pause (most tests') leaves no trace. There
    // is no replica to fail over to anyway.
    private static final int NODE_TIMEOUT_MILLIS = 15_000;
    private static final long CLUSTER_OK_TIMEOUT_MILLIS = 2L * NODE_TIMEOUT_MILLIS + 15_000;

    // Replaced in place by replace(node).
    private final List<RedisServerProcess> nodes;
    private final List<Integer> busPorts;
    private final Map<String, Integer> slotOfKey = new HashMap<>();
    private final Set<Integer> paused = new HashSet<>();
    private boolean closed;

    private RedisClusterProcess(List<RedisServerProcess> nodes, List<Integer> busPorts) {
        this.nodes = new CopyOnWriteArrayList<>(nodes);
        this.busPorts = new CopyOnWriteArrayList<>(busPorts);
    }

    /**
     * Starts three nodes on free ports, makes them one cluster and waits until every node says it
     * is {@code ok}; a test calls {@link TestServices#startRedisCluster()} instead, to be skipped
     * where {@code redis-server} is not installed.
     *
     * @throws RedisServerProcess.NotInstalledException if {@code redis-server} is not installed, or
     *                                                   older than 7.0
     */
    public static RedisClusterProcess start() {
        requireVersion7(RedisServerProcess.findExecutable());
        List<RedisServerProcess> nodes = new ArrayList<>();
        List<Integer> busPorts = new ArrayList<>();
        try {
            for (int i = 0; i < NODES; i++) {
                int[] busPort = new int[1];
                nodes.add(startNode(busPort));
                busPorts.add(busPort[0]);
            }
            RedisClusterProcess cluster = new RedisClusterProcess(nodes, busPorts);
            cluster.form();
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(RedisServerProcess::close);
            throw e;
        }
    }

    /**
     * {@code cluster-port} (a bus port of our choosing: the default, port + 10000, may be past
     * 65535) and {@code CLUSTER ADDSLOTSRANGE} came with Redis 7.0; an older server cannot run
     * this cluster, which says nothing about the code under test.
     */
    static void requireVersion7(String executable) {
        String version;
        try {
            Process process = new ProcessBuilder(executable, "--version").redirectErrorStream(true).start();
            version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        Matcher major = Pattern.compile("v=(\\d+)\\.").matcher(version);
        if (major.find() && Integer.parseInt(major.group(1)) < 7) {
            throw new RedisServerProcess.NotInstalledException("redis-server 7.0 or later is needed for a Redis Cluster"
                    + " of the test's own; " + executable + " is " + version.strip());
        }
    }

    /** A node of no cluster yet, on free ports; {@code busPort[0]} is set to its cluster bus port. */
    private static RedisServerProcess startNode(int[] busPort) {
        return RedisServerProcess.start(() -> {
            busPort[0] = RedisServerProcess.freePort();
            return List.of("--cluster-enabled", "yes",
                    "--cluster-config-file", "nodes.conf",
                    "--cluster-port", Integer.toString(busPort[0]),
                    "--cluster-node-timeout", Integer.toString(NODE_TIMEOUT_MILLIS),
                    "--cluster-require-full-coverage", "no");
        });
    }

    /** What {@code redis-cli --cluster create} does, without needing redis-cli. */
    private void form() {
        for (int i = 0; i < NODES; i++) {
            // Distinct epochs up front, so the nodes need not settle a collision first.
            expectOk(command(i, "CLUSTER", "SET-CONFIG-EPOCH", Integer.toString(i + 1)));
            expectOk(command(i, "CLUSTER", "ADDSLOTSRANGE", Integer.toString(firstSlot(i)), Integer.toString(firstSlot(i + 1) - 1)));
        }
        for (int i = 1; i < NODES; i++) {
            expectOk(command(i, "CLUSTER", "MEET", "127.0.0.1", Integer.toString(nodes.get(0).port()),
                    Integer.toString(busPorts.get(0))));
        }
        awaitOk();
    }

    private static int firstSlot(int node) {
        return node * SLOTS / NODES;
    }

    /** The nodes' URIs, comma-separated: the value of {@code redis.uris} ({@code REDIS_URIS}). */
    public String uris() {
        return nodes.stream().map(RedisServerProcess::uri).collect(Collectors.joining(","));
    }

    /** Node {@code node}'s own URI (a plain connection to it, not through the cluster). */
    public String uri(int node) {
        return nodes.get(node).uri();
    }

    public int port(int node) {
        return nodes.get(node).port();
    }

    public boolean isRunning(int node) {
        return nodes.get(node).isRunning();
    }

    /** The node that serves {@code key}'s slot (the slot of its hash tag, if it has one). */
    public synchronized int nodeOf(String key) {
        Integer slot = slotOfKey.get(key);
        if (slot == null) {
            slot = Integer.parseInt(commandOnAnyNode("CLUSTER", "KEYSLOT", key));
            slotOfKey.put(key, slot);
        }
        for (int i = NODES - 1; i >= 0; i--) {
            if (slot >= firstSlot(i)) {
                return i;
            }
        }
        throw new IllegalStateException("slot " + slot);
    }

    /** The node that serves every cache key of {@code symbol} (they all carry {@code {symbol}} as their hash tag). */
    public int nodeOfSymbol(String symbol) {
        return nodeOf("{" + symbol + "}");
    }

    /**
     * A symbol no other test uses (like {@link TestServices#uniqueSymbol}) whose cache keys all
     * live on {@code node}.
     */
    public String uniqueSymbolOn(int node, String prefix) {
        while (true) {
            String symbol = TestServices.uniqueSymbol(prefix);
            if (nodeOfSymbol(symbol) == node) {
                return symbol;
            }
        }
    }

    /** Kills node {@code node} ({@code kill -9}); its slots go unserved until it is restarted. */
    public void stop(int node) {
        nodes.get(node).stop();
    }

    /** Restarts node {@code node} empty (its data lost, its place in the cluster kept) and waits until the cluster is ok. */
    public void restart(int node) {
        nodes.get(node).restart();
        awaitOk();
    }

    /**
     * Kills node {@code node} and restarts it from its last {@code SAVE} ({@link #save}), then
     * waits until the cluster is ok: its slots roll back to that snapshot.
     */
    public void crashAndRestartFromSnapshot(int node) {
        nodes.get(node).crashAndRestartFromSnapshot();
        awaitOk();
    }

    /**
     * Replaces node {@code node} with a new, empty one on other ports, serving the same slots: the
     * old one is killed and forgotten by the others. What a failover to a replica, or the
     * replacement of a failed node, looks like to a client: the slots are served at another
     * address, and nothing answers at the old one. {@link #uris()} and {@link #port} name the new
     * node afterwards.
     */
    public synchronized void replace(int node) {
        String oldId = command(node, "CLUSTER", "MYID");
        nodes.get(node).close();
        paused.remove(node);
        int[] busPort = new int[1];
        RedisServerProcess fresh = startNode(busPort);
        nodes.set(node, fresh);
        busPorts.set(node, busPort[0]);
        int other = (node + 1) % NODES;
        for (int i = 0; i < NODES; i++) {
            if (i != node) {
                expectOk(command(i, "CLUSTER", "FORGET", oldId));
            }
        }
        expectOk(command(node, "CLUSTER", "ADDSLOTSRANGE", Integer.toString(firstSlot(node)),
                Integer.toString(firstSlot(node + 1) - 1)));
        expectOk(command(node, "CLUSTER", "MEET", "127.0.0.1", Integer.toString(port(other)),
                Integer.toString(busPorts.get(other))));
        awaitOk();
    }

    /** Snapshots node {@code node}'s data ({@code SAVE}), for {@link #crashAndRestartFromSnapshot}. */
    public void save(int node) {
        expectOk(command(node, "SAVE"));
    }

    /** {@code FLUSHALL} on every node (every one is a master): the whole cluster forgets everything. */
    public void flushAll() {
        for (int i = 0; i < NODES; i++) {
            expectOk(command(i, "FLUSHALL"));
        }
    }

    /** Freezes node {@code node} ({@code SIGSTOP}): connections to it stay open and nothing answers for its slots. */
    public synchronized void pause(int node) {
        nodes.get(node).pause();
        paused.add(node);
    }

    /**
     * Lets a {@link #pause paused} node run again ({@code SIGCONT}). Paused longer than the node
     * timeout (15 s), it may refuse its slots ({@code CLUSTERDOWN}) for some seconds more while it
     * rejoins; {@link #awaitOk()} waits for that.
     */
    public synchronized void resume(int node) {
        nodes.get(node).resume();
        paused.remove(node);
    }

    /** Runs one command on node {@code node} itself (no redirection) and returns its reply as text. */
    public String command(int node, String... args) {
        return nodes.get(node).command(args);
    }

    /**
     * Waits until every node that runs and is not paused says {@code cluster_state:ok} (it serves
     * its slots) and, when all three are up, until each one knows all three and sees every slot served.
     */
    public void awaitOk() {
        long deadline = System.currentTimeMillis() + CLUSTER_OK_TIMEOUT_MILLIS;
        while (true) {
            List<String> notOk = new ArrayList<>();
            List<Integer> up = up();
            for (int i : up) {
                String info = clusterInfo(i);
                boolean ok = info.contains("cluster_state:ok") && (up.size() < NODES
                        || info.contains("cluster_slots_ok:" + SLOTS) && info.contains("cluster_known_nodes:" + NODES));
                if (!ok) {
                    notOk.add("node " + i + " (port " + port(i) + "):\n" + info);
                }
            }
            if (notOk.isEmpty()) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the cluster is not ok after " + CLUSTER_OK_TIMEOUT_MILLIS + " ms:\n"
                        + String.join("\n", notOk));
            }
            sleep(50);
        }
    }

    private synchronized List<Integer> up() {
        List<Integer> up = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            if (nodes.get(i).isRunning() && !paused.contains(i)) {
                up.add(i);
            }
        }
        return up;
    }

    private String clusterInfo(int node) {
        try (RespClient client = RespClient.connect(port(node))) {
            String info = client.call("CLUSTER", "INFO");
            return info == null ? "" : info;
        } catch (IOException e) {
            // Paused, or not accepting yet: not ok.
            return e.toString();
        }
    }

    private String commandOnAnyNode(String... args) {
        UncheckedIOException last = null;
        for (int i : up()) {
            try (RespClient client = RespClient.connect(port(i), 500)) {
                return client.call(args);
            } catch (IOException e) {
                last = new UncheckedIOException(e);
            }
        }
        throw last != null ? last : new IllegalStateException("no node is up");
    }

    private static void expectOk(String reply) {
        if (!"OK".equals(reply)) {
            throw new IllegalStateException("redis-server answered " + reply);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        nodes.forEach(RedisServerProcess::close);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** For a log line: a cluster reads as its nodes' ports. */
    @Override
    public String toString() {
        return "RedisCluster" + nodes.stream().map(n -> Integer.toString(n.port())).toList();
    }
}
