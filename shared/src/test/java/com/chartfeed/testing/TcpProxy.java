package com.chartfeed.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder on a free port of 127.0.0.1 that puts real network faults between the
 * application and a real server.
 *
 * <p>The shared PostgreSQL (and Redis) serve every concurrent test run and must never be stopped,
 * so a test that needs "the database is gone" or "the database hangs" points the application at
 * this proxy and breaks the proxy instead: {@link #cut()} makes the server unreachable,
 * {@link #blackhole()} makes it unresponsive, {@link #restore()} heals both, and
 * {@link #silenceOpenConnections()} drops the connections open now without a word while new ones
 * work (a NAT or conntrack entry that timed out, a failover behind a load balancer).
 */
public final class TcpProxy implements AutoCloseable {
    private static final int UPSTREAM_CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final long THREAD_JOIN_MILLIS = 2_000;
    private static final AtomicInteger CONNECTION_IDS = new AtomicInteger();

    private enum Mode { FORWARD, CUT, BLACKHOLE }

    private volatile InetSocketAddress target;
    private final InetAddress bindAddress;
    private final int port;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.FORWARD;
    private ServerSocket listener;
    private Thread acceptor;
    private boolean closed;

    private TcpProxy(InetSocketAddress target, InetAddress bindAddress, ServerSocket listener) {
        this.target = target;
        this.bindAddress = bindAddress;
        this.listener = listener;
        this.port = listener.getLocalPort();
        startAcceptor(listener);
    }

    /** A proxy that forwards every connection it accepts to {@code host:port}. */
    public static TcpProxy to(String host, int port) {
        try {
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            return new TcpProxy(new InetSocketAddress(host, port), loopback, listen(loopback, 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
        }
    }

    public int port() {
        return port;
    }

    /** Connections accepted and not yet closed, black-holed ones included. */
    public int openConnections() {
        return connections.size();
    }

    /** The server is gone: open connections are closed on both sides and new ones are refused. */
    public void cut() {
        Thread acceptor;
        synchronized (this) {
            ensureOpen();
            mode = Mode.CUT;
            acceptor = closeListener();
            closeConnections();
        }
        // The kernel keeps a closed listening socket alive while a thread is still blocked in
        // accept() on it: until that thread wakes up, connects succeed and restore() cannot bind
        // the port. Joined outside the lock, which the waking acceptor may need.
        join(acceptor, System.currentTimeMillis() + THREAD_JOIN_MILLIS);
    }

    /**
     * The server hangs: connections are still accepted, but nothing is forwarded in either
     * direction, on open connections as on new ones, so clients run into their own timeouts.
     */
    public synchronized void blackhole() {
        ensureOpen();
        ensureListening();
        mode = Mode.BLACKHOLE;
    }

    /**
     * Forwards new connections to {@code host:port} from now on, and closes the open ones: what a
     * client sees when the endpoint it uses moves to another server (a failover that repoints a
     * primary endpoint). Silenced connections are left as they are.
     */
    public synchronized void retarget(String host, int port) {
        ensureOpen();
        target = new InetSocketAddress(host, port);
        for (Connection connection : connections) {
            if (!connection.silenced) {
                connection.close();
            }
        }
    }

    /**
     * The connections open now go silent, for good: every byte is dropped in both directions and
     * neither side's close is passed on (no reset, no end of stream), as when a NAT or conntrack
     * entry expires or a partition cuts a replication link, so each end only finds out by its own
     * timeouts. Connections made afterwards are forwarded as usual. Silenced connections are closed
     * by {@link #close()} only.
     */
    public synchronized void silenceOpenConnections() {
        ensureOpen();
        for (Connection connection : connections) {
            connection.silenced = true;
        }
    }

    /**
     * Forwards again, on the same port. Connections that lived through a black hole are closed:
     * bytes were dropped mid-stream, so no protocol could continue on them, and a client must
     * notice and reconnect, as it would after a real network partition. (A connect the kernel
     * completed but the proxy had not yet accepted when this runs is forwarded like a new one;
     * a test that needs it closed waits for {@link #openConnections()} to count it first.)
     */
    public synchronized void restore() {
        ensureOpen();
        ensureListening();
        Mode previous = mode;
        mode = Mode.FORWARD;
        if (previous == Mode.BLACKHOLE) {
            closeConnections();
        }
    }

    /** Stops listening, closes every connection and waits for the proxy's threads to end. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closeListener();
            closeConnections();
        }
        // Loops because an acceptor may have spawned a thread for a connection it registered just
        // before close(); that thread finds its sockets closed and ends at once.
        long deadline = System.currentTimeMillis() + THREAD_JOIN_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            threads.removeIf(thread -> !thread.isAlive());
            if (threads.isEmpty()) {
                return;
            }
            for (Thread thread : new ArrayList<>(threads)) {
                if (!join(thread, deadline)) {
                    return;
                }
            }
        }
    }

    /** Waits for {@code thread} (if any) until {@code deadline}; false if interrupted. */
    private static boolean join(Thread thread, long deadline) {
        if (thread == null) {
            return true;
        }
        try {
            thread.join(Math.max(1, deadline - System.currentTimeMillis()));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("proxy on port " + port + " is closed");
        }
    }

    private void ensureListening() {
        if (listener != null) {
            return;
        }
        try {
            listener = listen(bindAddress, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port + " again", e);
        }
        startAcceptor(listener);
    }

    private static ServerSocket listen(InetAddress address, int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        // Closed connections linger in TIME_WAIT on this port; without this, restore() could not bind it again.
        socket.setReuseAddress(true);
        try {
            socket.bind(new InetSocketAddress(address, port), 50);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    /** Closes the listening socket and returns the thread that was accepting on it, if any. */
    private Thread closeListener() {
        Thread stopped = acceptor;
        if (listener != null) {
            closeQuietly(listener);
            listener = null;
            acceptor = null;
        }
        return stopped;
    }

    private void closeConnections() {
        for (Connection connection : connections) {
            connection.close();
        }
    }

    private void startAcceptor(ServerSocket socket) {
        acceptor = spawn("tcp-proxy-" + port + "-accept", () -> accept(socket));
    }

    private void accept(ServerSocket socket) {
        while (true) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                // cut() or close() closed the listener.
                return;
            }
            Connection connection = new Connection(client);
            if (!register(connection)) {
                closeQuietly(client);
                continue;
            }
            String name = "tcp-proxy-" + port + "-" + connection.id;
            if (mode == Mode.BLACKHOLE) {
                // A hung server never answers; the upstream is not even dialled, so a black hole
                // does not hold a PostgreSQL backend open.
                spawn(name + "-drain", () -> connection.pump(client, null));
            } else {
                spawn(name + "-up", connection::forward);
            }
        }
    }

    private synchronized boolean register(Connection connection) {
        if (closed || mode == Mode.CUT) {
            return false;
        }
        connections.add(connection);
        return true;
    }

    private Thread spawn(String name, Runnable task) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                // A proxy thread must never take the test down or print a stack trace; the
                // connection it served is simply gone, which is what a client sees anyway.
            }
        }, name);
        thread.setDaemon(true);
        // Threads stay listed until dead (not merely finishing), so close() can join every one.
        threads.removeIf(listed -> !listed.isAlive());
        threads.add(thread);
        thread.start();
        return thread;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Already closed or broken: either way it is gone.
        }
    }

    /** One client connection and, unless it was accepted into a black hole, its upstream. */
    private final class Connection {
        private final int id = CONNECTION_IDS.incrementAndGet();
        private final Socket client;
        private final Socket upstream = new Socket();
        private int halfClosed;
        private boolean done;
        private volatile boolean silenced;

        Connection(Socket client) {
            this.client = client;
        }

        void forward() {
            try {
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                upstream.connect(target, UPSTREAM_CONNECT_TIMEOUT_MILLIS);
            } catch (IOException e) {
                // The server refuses or is unreachable: the client sees its connection closed.
                close();
                return;
            }
            spawn("tcp-proxy-" + port + "-" + id + "-down", () -> pump(upstream, client));
            pump(client, upstream);
        }

        /** Copies {@code from} to {@code to}, or drops what it reads while black-holed or when {@code to} is null. */
        void pump(Socket from, Socket to) {
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to == null ? null : to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (out != null && mode == Mode.FORWARD && !silenced) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
                endOfStream(from, to);
            } catch (IOException e) {
                if (silenced) {
                    // Whichever end failed, the other is not told.
                    closeQuietly(from);
                    return;
                }
                close();
            }
        }

        private synchronized void endOfStream(Socket from, Socket to) {
            if (silenced) {
                // The peer that hung up is let go; the other end is not told and keeps waiting.
                closeQuietly(from);
                return;
            }
            if (to == null) {
                // The client left a connection that was accepted into a black hole.
                close();
                return;
            }
            if (mode != Mode.FORWARD) {
                if (from == client) {
                    close();
                }
                // A hung server does not hang up either: the client keeps waiting.
                return;
            }
            // Half-close, as the peer did, so protocols that shut down their output still work.
            try {
                to.shutdownOutput();
            } catch (IOException e) {
                close();
                return;
            }
            if (++halfClosed == 2) {
                close();
            }
        }

        synchronized void close() {
            if (done) {
                return;
            }
            done = true;
            closeQuietly(client);
            closeQuietly(upstream);
            connections.remove(this);
        }
    }
}
