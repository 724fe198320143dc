package com.chartfeed.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisServerProcessTest {

    @Test
    void servesRealCommandsOnItsOwnPort() throws IOException {
        try (RedisServerProcess redis = TestServices.startRedisServer();
             RespClient client = RespClient.connect(redis.port())) {
            assertTrue(redis.isRunning());
            assertNotEquals(6379, redis.port(), "must not be the shared Redis");
            assertEquals("redis://127.0.0.1:" + redis.port(), redis.uri());
            assertEquals("OK", client.call("SET", "greeting", "hello"));
            assertEquals("hello", client.call("GET", "greeting"));
        }
    }

    @Test
    void stopKillsTheServerAndItsConnections() throws IOException {
        try (RedisServerProcess redis = TestServices.startRedisServer();
             RespClient client = RespClient.connect(redis.port())) {
            assertEquals("PONG", client.call("PING"));

            redis.stop();

            assertFalse(redis.isRunning());
            assertHungUp(client);
            assertRefused(redis.port());
        }
    }

    @Test
    void restartComesBackEmptyOnTheSamePort() throws IOException {
        try (RedisServerProcess redis = TestServices.startRedisServer()) {
            int port = redis.port();
            try (RespClient client = RespClient.connect(port)) {
                assertEquals("OK", client.call("SET", "survives", "no"));
            }

            redis.restart();

            assertTrue(redis.isRunning());
            assertEquals(port, redis.port());
            try (RespClient client = RespClient.connect(port)) {
                assertEquals("PONG", client.call("PING"));
                assertNull(client.call("GET", "survives"), "a restarted cache node has no data");
            }
        }
    }

    @Test
    void restartAfterStopStartsItAgain() throws IOException {
        try (RedisServerProcess redis = TestServices.startRedisServer()) {
            redis.stop();
            redis.restart();
            try (RespClient client = RespClient.connect(redis.port())) {
                assertEquals("PONG", client.call("PING"));
            }
        }
    }

    @Test
    void closeStopsTheServerForGood() {
        RedisServerProcess redis = TestServices.startRedisServer();
        redis.close();
        redis.close();

        assertFalse(redis.isRunning());
        assertRefused(redis.port());
        assertThrows(IllegalStateException.class, redis::restart);
    }

    @Test
    void serversDoNotShareAPort() {
        try (RedisServerProcess first = TestServices.startRedisServer();
             RedisServerProcess second = TestServices.startRedisServer()) {
            assertNotEquals(first.port(), second.port());
            first.stop();
            assertTrue(second.isRunning());
        }
    }

    @Test
    void aJvmThatExitsWithoutClosingTakesItsServerAlong() throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                AbandoningJvm.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertNotNull(line, "the child JVM died before starting redis-server");
            int port = Integer.parseInt(line.trim());
            try (RespClient client = RespClient.connect(port)) {
                assertEquals("PONG", client.call("PING"));
            }

            jvm.getOutputStream().close();

            assertTrue(jvm.waitFor(10, TimeUnit.SECONDS), "the child JVM did not exit");
            assertRefused(port);
        } finally {
            jvm.destroyForcibly();
        }
    }

    @Test
    void aServerOnATakenPortFailsInsteadOfPassingForTheOtherOne() {
        try (RedisServerProcess other = TestServices.startRedisServer()) {
            IllegalStateException failed = assertThrows(IllegalStateException.class,
                    () -> RedisServerProcess.start(RedisServerProcess.findExecutable(), other.port()).close());
            assertTrue(failed.getMessage().contains("Address already in use"), failed.getMessage());
            assertTrue(other.isRunning());
        }
    }

    @Test
    void aLogDirKeepsTheLogAfterClose(@TempDir Path dir) {
        Path logDir = dir.resolve("logs");
        int port;
        try (RedisServerProcess redis = TestServices.skippedWithoutRedisServer(() -> RedisServerProcess.start(logDir))) {
            port = redis.port();
            redis.restart();
        }
        assertTrue(Files.isRegularFile(logDir.resolve("redis-" + port + ".log")), "the load drivers read it after the run");
    }

    @Test
    void aMissingRedisServerSkipsTheTestInsteadOfFailingIt(@TempDir Path dir) throws IOException {
        RedisServerProcess.NotInstalledException missing = assertThrows(RedisServerProcess.NotInstalledException.class,
                () -> RedisServerProcess.findExecutable(dir.toString(), dir.resolve("missing")));
        assertTrue(missing.getMessage().contains("redis-server is not installed"), missing.getMessage());
        TestAbortedException skipped = assertThrows(TestAbortedException.class, () -> TestServices.skippedWithoutRedisServer(
                () -> RedisServerProcess.findExecutable(dir.toString(), dir.resolve("missing"))));
        assertEquals(missing.getMessage(), skipped.getMessage());

        Path installed = Files.createFile(dir.resolve("redis-server"));
        assertThrows(RedisServerProcess.NotInstalledException.class,
                () -> RedisServerProcess.findExecutable(dir.toString(), dir.resolve("missing")),
                "a file that cannot be executed is not a redis-server");
        assertTrue(installed.toFile().setExecutable(true));
        assertEquals(installed.toString(),
                RedisServerProcess.findExecutable("/nonexistent" + File.pathSeparator + dir, dir.resolve("missing")));
    }

    /** Starts a server, prints its port, and exits without closing it once stdin closes. */
    static final class AbandoningJvm {
        public static void main(String[] args) throws IOException {
            System.out.println(RedisServerProcess.start().port());
            System.out.flush();
            System.in.read();
            System.exit(0);
        }
    }

    /** The peer hung up (EOF or reset); a read timeout would mean the connection merely went quiet. */
    private static void assertHungUp(RespClient client) {
        IOException failure = assertThrows(IOException.class, () -> client.call("PING"));
        assertFalse(failure instanceof SocketTimeoutException, "timed out instead of being hung up on");
    }

    private static void assertRefused(int port) {
        assertThrows(ConnectException.class, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            }
        });
    }
}
