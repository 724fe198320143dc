package com.chartfeed.testing;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The proxy in front of the real, shared PostgreSQL (which it must never stop) and of a private Redis. */
class TcpProxyTest {
    private static final URI POSTGRES = URI.create(TestServices.postgresUrl().substring("jdbc:".length()));
    private static final String USER = (String) TestServices.postgres().get("datasources.default.username");
    private static final String PASSWORD = (String) TestServices.postgres().get("datasources.default.password");
    private static final String TIMEOUTS = "connectTimeout=1&socketTimeout=1";

    @Test
    void forwardsJdbcToTheRealPostgres() throws SQLException {
        try (TcpProxy proxy = postgresProxy();
             Connection connection = connect(proxy, "")) {
            // The server's own view of the session proves the query crossed the proxy to PostgreSQL.
            assertEquals(POSTGRES.getPort(), queryInt(connection, "select inet_server_port()"));
            assertEquals(1, proxy.openConnections());
        }
    }

    @Test
    void cutBreaksOpenConnectionsAndRefusesNewOnesUntilRestored() throws SQLException {
        try (TcpProxy proxy = postgresProxy();
             Connection connection = connect(proxy, TIMEOUTS)) {
            assertEquals(1, queryInt(connection, "select 1"));

            proxy.cut();

            assertEquals(0, proxy.openConnections());
            SQLException broken = assertThrows(SQLException.class, () -> queryInt(connection, "select 1"));
            assertFalse(causedBy(broken, SocketTimeoutException.class), () -> "timed out instead of broken: " + broken);
            SQLException refused = assertTimeoutPreemptively(Duration.ofSeconds(1),
                    () -> assertThrows(SQLException.class, () -> connect(proxy, TIMEOUTS).close()));
            assertTrue(causedBy(refused, ConnectException.class), () -> "not refused: " + refused);

            proxy.restore();

            try (Connection again = connect(proxy, TIMEOUTS)) {
                assertEquals(2, queryInt(again, "select 2"));
            }
        }
    }

    @Test
    void blackholeMakesNewConnectionsTimeOutInsteadOfHanging() throws SQLException {
        try (TcpProxy proxy = postgresProxy()) {
            // Load the driver's connection code now, so the timing below measures only the black hole.
            try (Connection warm = connect(proxy, TIMEOUTS)) {
                assertEquals(1, queryInt(warm, "select 1"));
            }
            proxy.blackhole();

            long started = System.nanoTime();
            SQLException timedOut = assertTimeoutPreemptively(Duration.ofMillis(2_500),
                    () -> assertThrows(SQLException.class, () -> connect(proxy, TIMEOUTS).close()));
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

            // Refused or reset would fail at once; a black hole accepts and then says nothing.
            assertTrue(elapsedMillis >= 900, "failed after " + elapsedMillis + " ms, not by a timeout");
            assertTrue(causedBy(timedOut, SocketTimeoutException.class), () -> "not a timeout: " + timedOut);

            proxy.restore();

            try (Connection again = connect(proxy, TIMEOUTS)) {
                assertEquals(3, queryInt(again, "select 3"));
            }
        }
    }

    @Test
    void blackholeStallsOpenConnectionsAndRestoreClosesThem() throws SQLException {
        try (TcpProxy proxy = postgresProxy();
             Connection connection = connect(proxy, TIMEOUTS)) {
            assertEquals(1, queryInt(connection, "select 1"));

            proxy.blackhole();

            SQLException timedOut = assertTimeoutPreemptively(Duration.ofMillis(2_500),
                    () -> assertThrows(SQLException.class, () -> queryInt(connection, "select 1")));
            assertTrue(causedBy(timedOut, SocketTimeoutException.class), () -> "not a timeout: " + timedOut);

            proxy.restore();

            awaitTrue(() -> proxy.openConnections() == 0, "restore() closes black-holed connections");
            try (Connection again = connect(proxy, TIMEOUTS)) {
                assertEquals(4, queryInt(again, "select 4"));
            }
        }
    }

    @Test
    void forwardsRespAndKeepsTheServerThroughACut() throws IOException {
        try (RedisServerProcess redis = TestServices.startRedisServer();
             TcpProxy proxy = TcpProxy.to("127.0.0.1", redis.port())) {
            RespClient before = RespClient.connect(proxy.port());
            assertEquals("OK", before.call("SET", "key", "value"));

            proxy.cut();

            assertHungUp(before);
            before.close();
            assertRefused(proxy.port());

            proxy.restore();

            try (RespClient after = RespClient.connect(proxy.port())) {
                // Only the network was cut: the server, and its data, are untouched.
                assertEquals("value", after.call("GET", "key"));
            }
        }
    }

    @Test
    void halfCloseLetsTheLastReplyThrough() throws IOException {
        try (RedisServerProcess redis = TestServices.startRedisServer();
             TcpProxy proxy = TcpProxy.to("127.0.0.1", redis.port());
             Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", proxy.port()), 1_000);
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            // "Nothing more from me": a proxy that treated this as a hang-up would lose the reply.
            socket.shutdownOutput();

            assertEquals("+PONG\r\n", new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
            awaitTrue(() -> proxy.openConnections() == 0, "closed once both sides are done");
        }
    }

    @Test
    void silencedConnectionsDropEverythingWithoutAWordWhileNewOnesWork() throws IOException {
        try (RedisServerProcess redis = TestServices.startRedisServer();
             TcpProxy proxy = TcpProxy.to("127.0.0.1", redis.port());
             RespClient silenced = RespClient.connect(proxy.port(), 300)) {
            assertEquals("OK", silenced.call("CLIENT", "SETNAME", "silenced"));

            proxy.silenceOpenConnections();

            assertThrows(SocketTimeoutException.class, () -> silenced.call("SET", "dropped", "yes"));
            try (RespClient fresh = RespClient.connect(proxy.port(), 1_000)) {
                assertEquals("PONG", fresh.call("PING"));
                assertNull(fresh.call("GET", "dropped"), "a silenced connection must not forward writes");
            }
            silenced.close();
            // The client's close is not passed on: the server still holds its end, as in a partition.
            assertTrue(redis.command("CLIENT", "LIST").contains("name=silenced"), "the server was told");
        }
    }

    @Test
    void retargetClosesOpenConnectionsAndForwardsNewOnesToTheNewServer() throws IOException {
        try (RedisServerProcess first = TestServices.startRedisServer();
             RedisServerProcess second = TestServices.startRedisServer();
             TcpProxy proxy = TcpProxy.to("127.0.0.1", first.port());
             RespClient before = RespClient.connect(proxy.port())) {
            assertEquals("OK", before.call("SET", "where", "first"));

            proxy.retarget("127.0.0.1", second.port());

            assertHungUp(before);
            try (RespClient after = RespClient.connect(proxy.port())) {
                assertNull(after.call("GET", "where"), "the second server answers");
            }
        }
    }

    @Test
    void blackholeAcceptsButNeverAnswers() throws IOException {
        try (RedisServerProcess redis = TestServices.startRedisServer();
             TcpProxy proxy = TcpProxy.to("127.0.0.1", redis.port());
             RespClient before = RespClient.connect(proxy.port(), 300)) {
            assertEquals("PONG", before.call("PING"));

            proxy.blackhole();

            assertThrows(SocketTimeoutException.class, () -> before.call("SET", "dropped", "yes"));
            try (RespClient during = RespClient.connect(proxy.port(), 300)) {
                assertThrows(SocketTimeoutException.class, () -> during.call("PING"));
                awaitTrue(() -> proxy.openConnections() == 2, "a black hole still accepts");

                proxy.restore();

                assertHungUp(during);
            }
            awaitTrue(() -> proxy.openConnections() == 0, "restore() closes black-holed connections");
            try (RespClient after = RespClient.connect(proxy.port())) {
                assertEquals("PONG", after.call("PING"));
                assertNull(after.call("GET", "dropped"), "a black hole must not forward writes");
            }
        }
    }

    @Test
    void lettuceSeesTheFaultsAndReconnectsAfterRestore() throws InterruptedException {
        try (RedisServerProcess server = TestServices.startRedisServer();
             TcpProxy proxy = TcpProxy.to("127.0.0.1", server.port())) {
            RedisClient client = RedisClient.create(RedisURI.builder()
                    .withHost("127.0.0.1").withPort(proxy.port()).withTimeout(Duration.ofMillis(500)).build());
            // Fail fast while disconnected instead of queueing until the command timeout.
            client.setOptions(ClientOptions.builder()
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisCommands<String, String> redis = connection.sync();
                assertEquals("OK", redis.set("key", "value"));

                proxy.cut();
                assertThrows(RedisException.class, () -> redis.get("key"));
                proxy.restore();
                awaitPong(redis);
                assertEquals("value", redis.get("key"));

                proxy.blackhole();
                assertThrows(RedisCommandTimeoutException.class, () -> redis.get("key"));
                proxy.restore();
                awaitPong(redis);
                assertEquals("value", redis.get("key"));
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
    }

    /** Lettuce reconnects on its own, with a backoff; poll rather than guess how long it takes. */
    private static void awaitPong(RedisCommands<String, String> redis) {
        await("Lettuce reconnected: PONG").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .ignoreException(RedisException.class)
                .untilAsserted(() -> assertEquals("PONG", redis.ping()));
    }

    @Test
    void followsItsServerDownAndUp() throws IOException {
        try (RedisServerProcess redis = TestServices.startRedisServer();
             TcpProxy proxy = TcpProxy.to("127.0.0.1", redis.port())) {
            redis.stop();

            // The proxy still accepts, like a load balancer, then hangs up: the upstream refused.
            try (RespClient client = RespClient.connect(proxy.port())) {
                assertHungUp(client);
            }
            awaitTrue(() -> proxy.openConnections() == 0, "a connection whose upstream refused is closed");

            redis.restart();

            try (RespClient client = RespClient.connect(proxy.port())) {
                assertEquals("PONG", client.call("PING"));
            }
        }
    }

    @Test
    void closeEndsEveryThreadAndReleasesThePort() throws Exception {
        try (RedisServerProcess redis = TestServices.startRedisServer();
             TcpProxy proxy = TcpProxy.to("127.0.0.1", redis.port())) {
            RespClient forwarded = RespClient.connect(proxy.port());
            assertEquals("PONG", forwarded.call("PING"));
            proxy.blackhole();
            RespClient blackholed = RespClient.connect(proxy.port(), 300);
            awaitTrue(() -> proxy.openConnections() == 2, "both connections accepted");
            assertTrue(proxyThreads(proxy) > 0);

            proxy.close();

            assertEquals(0, proxyThreads(proxy), "threads left behind");
            assertEquals(0, proxy.openConnections());
            assertRefused(proxy.port());
            assertHungUp(forwarded);
            assertHungUp(blackholed);
            assertThrows(IllegalStateException.class, proxy::restore);
            forwarded.close();
            blackholed.close();
        }
    }

    private static TcpProxy postgresProxy() {
        return TcpProxy.to(POSTGRES.getHost(), POSTGRES.getPort());
    }

    private static Connection connect(TcpProxy proxy, String parameters) throws SQLException {
        String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + POSTGRES.getPath()
                + (parameters.isEmpty() ? "" : "?" + parameters);
        return DriverManager.getConnection(url, USER, PASSWORD);
    }

    private static int queryInt(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            assertTrue(result.next());
            return result.getInt(1);
        }
    }

    private static boolean causedBy(Throwable thrown, Class<? extends Throwable> type) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
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

    private static long proxyThreads(TcpProxy proxy) {
        String prefix = "tcp-proxy-" + proxy.port() + "-";
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix))
                .count();
    }

    /** Closing is asynchronous on the proxy's side; give it a moment, but not forever. */
    private static void awaitTrue(BooleanSupplier condition, String what) {
        await(what).atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10)).until(condition::getAsBoolean);
    }
}
