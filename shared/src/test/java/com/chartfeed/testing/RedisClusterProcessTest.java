package com.chartfeed.testing;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One cluster for the class (forming one takes a few seconds); each test uses keys of its own. */
class RedisClusterProcessTest {
    private static RedisClusterProcess cluster;

    @BeforeAll
    static void start() {
        cluster = TestServices.startRedisCluster();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void threeMastersShareTheSlotsAndLettucesClusterClientFindsThemFromTheUris() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < RedisClusterProcess.NODES; i++) {
            ports.add(cluster.port(i));
            assertTrue(cluster.command(i, "CLUSTER", "INFO").contains("cluster_state:ok"));
        }
        assertEquals(3, ports.size());
        assertTrue(!ports.contains(6379), "must not be the shared Redis");
        assertEquals(Arrays.stream(cluster.uris().split(",")).toList(),
                List.of(cluster.uri(0), cluster.uri(1), cluster.uri(2)));

        RedisClusterClient client = RedisClusterClient.create(Arrays.stream(cluster.uris().split(","))
                .map(RedisURI::create).toList());
        try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
            for (int node = 0; node < RedisClusterProcess.NODES; node++) {
                String symbol = cluster.uniqueSymbolOn(node, "CL");
                String key = "cf:{" + symbol + "}:1h:gen";
                assertEquals(node, cluster.nodeOf(key), "every key of a symbol is on its node");
                connection.sync().set(key, "v" + node);
                // The key is on that node and nowhere else.
                assertEquals("v" + node, cluster.command(node, "GET", key));
                String elsewhere = cluster.command((node + 1) % RedisClusterProcess.NODES, "GET", key);
                assertTrue(elsewhere.startsWith("-MOVED"), elsewhere);
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aNodeRestartsEmptyInItsPlaceWhileTheOthersKeepTheirData() {
        String[] keys = keysOnEveryNode();
        cluster.restart(1);

        assertNull(cluster.command(1, "GET", keys[1]), "a restarted node has no data");
        assertEquals("v0", cluster.command(0, "GET", keys[0]));
        assertEquals("v2", cluster.command(2, "GET", keys[2]));
        assertEquals("OK", cluster.command(1, "SET", keys[1], "again"), "it still serves its slots");
        assertTrue(cluster.command(0, "CLUSTER", "INFO").contains("cluster_known_nodes:3"));
    }

    @Test
    void aNodeRestartedFromItsSnapshotRollsItsSlotsBack() {
        String[] keys = keysOnEveryNode();
        cluster.save(2);
        assertEquals("OK", cluster.command(2, "SET", keys[2], "after the snapshot"));

        cluster.crashAndRestartFromSnapshot(2);

        assertEquals("v2", cluster.command(2, "GET", keys[2]));
    }

    @Test
    void flushAllEmptiesEveryNode() {
        String[] keys = keysOnEveryNode();
        cluster.flushAll();
        for (int node = 0; node < RedisClusterProcess.NODES; node++) {
            assertNull(cluster.command(node, "GET", keys[node]));
        }
    }

    @Test
    void aPausedNodeAnswersNothingWhileTheOthersServeTheirSlots() throws IOException {
        String[] keys = keysOnEveryNode();
        cluster.pause(0);
        try {
            try (RespClient paused = RespClient.connect(cluster.port(0), 300)) {
                assertThrows(SocketTimeoutException.class, () -> paused.call("GET", keys[0]));
            }
            assertEquals("v1", cluster.command(1, "GET", keys[1]));
            assertEquals("v2", cluster.command(2, "GET", keys[2]));
        } finally {
            cluster.resume(0);
        }
        cluster.awaitOk();
        assertEquals("v0", cluster.command(0, "GET", keys[0]));
    }

    @Test
    void aStoppedNodeRefusesConnectionsUntilRestarted() {
        cluster.stop(1);
        assertFalse(cluster.isRunning(1));
        assertRefused(cluster.port(1));
        cluster.restart(1);
        assertTrue(cluster.isRunning(1));
        assertEquals("PONG", cluster.command(1, "PING"));
    }

    @Test
    void aReplacedNodeServesItsSlotsAtAnotherAddressAndTheOldOneIsGone() {
        String[] keys = keysOnEveryNode();
        int oldPort = cluster.port(2);
        String oldId = cluster.command(2, "CLUSTER", "MYID");

        cluster.replace(2);

        assertTrue(cluster.port(2) != oldPort);
        assertRefused(oldPort);
        assertTrue(!cluster.command(2, "CLUSTER", "MYID").equals(oldId));
        assertNull(cluster.command(2, "GET", keys[2]), "the new node starts empty");
        assertEquals("OK", cluster.command(2, "SET", keys[2], "new"), "and serves the old node's slots");
        assertEquals("v0", cluster.command(0, "GET", keys[0]));
        String moved = cluster.command(0, "GET", keys[2]);
        assertTrue(moved.endsWith(":" + cluster.port(2)), "the others send its slots' keys there: " + moved);
        assertTrue(cluster.command(0, "CLUSTER", "INFO").contains("cluster_known_nodes:3"), "the old node is forgotten");
        assertTrue(cluster.uris().contains(":" + cluster.port(2)));
    }

    @Test
    void closeStopsEveryNode() {
        RedisClusterProcess own = TestServices.startRedisCluster();
        own.close();
        own.close();
        for (int node = 0; node < RedisClusterProcess.NODES; node++) {
            assertFalse(own.isRunning(node));
            assertRefused(own.port(node));
        }
    }

    @Test
    void aRedisServerOlderThan7SkipsTheTestInsteadOfFailingIt(@TempDir Path dir) throws IOException {
        Path old = dir.resolve("redis-server");
        Files.writeString(old, "#!/bin/sh\necho 'Redis server v=6.0.16 sha=00000000:0 malloc=jemalloc-5.2.1 bits=64'\n");
        assertTrue(old.toFile().setExecutable(true));
        RedisServerProcess.NotInstalledException tooOld = assertThrows(RedisServerProcess.NotInstalledException.class,
                () -> RedisClusterProcess.requireVersion7(old.toString()));
        assertTrue(tooOld.getMessage().contains("7.0 or later"), tooOld.getMessage());
    }

    /** Keys {@code k0, k1, k2} on nodes 0, 1, 2, set to {@code v0, v1, v2} on each node itself. */
    private static String[] keysOnEveryNode() {
        String[] keys = new String[RedisClusterProcess.NODES];
        while (Arrays.stream(keys).anyMatch(k -> k == null)) {
            String key = "k:" + UUID.randomUUID();
            int node = cluster.nodeOf(key);
            if (keys[node] == null) {
                keys[node] = key;
                assertEquals("OK", cluster.command(node, "SET", key, "v" + node));
            }
        }
        return keys;
    }

    private static void assertRefused(int port) {
        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            }
        });
    }
}
