package com.chartfeed.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A dedicated {@code redis-server} child process on a free port of 127.0.0.1, owned by one test or
 * one load-driver run.
 *
 * <p>The shared Redis on port 6379 serves every concurrent test run, so it must never be stopped;
 * a test that needs Redis to die and come back (a crashed or restarted cache node) gets its own
 * server here instead, and so does a load run, whose numbers no other run's keys may disturb.
 * Nothing is saved on its own, so a {@link #restart()} comes back empty; a test that wants a
 * snapshot takes one ({@code SAVE} through {@link #command}) and {@link #crashAndRestartFromSnapshot()}.
 *
 * <p>The load jar shades this class in without JUnit, so a missing {@code redis-server} is a
 * {@link NotInstalledException} here; {@link TestServices#startRedisServer()} makes it a skipped test.
 */
public final class RedisServerProcess implements AutoCloseable {
    private static final long STARTUP_TIMEOUT_MILLIS = 5_000;
    private static final long STOP_TIMEOUT_MILLIS = 5_000;
    private static final int START_ATTEMPTS = 3;
    private static final String SNAPSHOT = "dump.rdb";

    private final String executable;
    private final int port;
    private final List<String> extraArgs;
    private final Path dir;
    private final boolean deleteDirOnClose;
    private final Path log;
    private final Thread shutdownHook;
    private volatile Process process;
    private boolean closed;

    private RedisServerProcess(String executable, int port, List<String> extraArgs, Path dir, boolean deleteDirOnClose) {
        this.executable = executable;
        this.port = port;
        this.extraArgs = List.copyOf(extraArgs);
        this.dir = dir;
        this.deleteDirOnClose = deleteDirOnClose;
        this.log = dir.resolve("redis-" + port + ".log");
        // Not kill(): the hook must not wait for a lock a stuck test thread may hold.
        this.shutdownHook = new Thread(() -> {
            Process running = process;
            if (running != null) {
                try {
                    running.destroyForcibly().waitFor(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "redis-server-" + port + "-shutdown");
    }

    /**
     * Starts a fresh server in a temp dir, deleted with its log on {@link #close()}, and waits until
     * it answers PING; a test calls {@link TestServices#startRedisServer()} instead, to be skipped
     * where {@code redis-server} is not installed.
     *
     * @throws NotInstalledException if {@code redis-server} is not installed
     */
    public static RedisServerProcess start() {
        return startOnFreePort(null, List::of);
    }

    /**
     * Starts a fresh server that logs to {@code logDir} as {@code redis-<port>.log}, kept after
     * {@link #close()} so that a load run's log can be read with the others.
     *
     * @throws NotInstalledException if {@code redis-server} is not installed
     */
    public static RedisServerProcess start(Path logDir) {
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return startOnFreePort(logDir, List::of);
    }

    /**
     * Starts a fresh server in a temp dir with more arguments, chosen anew on each attempt (a
     * {@link RedisClusterProcess} node takes a second free port for its cluster bus), and kept for
     * every restart.
     */
    static RedisServerProcess start(Supplier<List<String>> extraArgs) {
        return startOnFreePort(null, extraArgs);
    }

    /** {@code logDir} null: a temp dir of the server's own. */
    private static RedisServerProcess startOnFreePort(Path logDir, Supplier<List<String>> extraArgs) {
        String executable = findExecutable();
        IllegalStateException lastFailure = null;
        // The free port is only free until we release it; another process may take it before
        // redis-server binds, so a failed start is retried on a new port.
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            try {
                return start(executable, freePort(), extraArgs.get(), logDir);
            } catch (IllegalStateException e) {
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    /** Starts a server on {@code port}, which must be free; package-private so a test can take a busy one. */
    static RedisServerProcess start(String executable, int port) {
        return start(executable, port, List.of(), null);
    }

    private static RedisServerProcess start(String executable, int port, List<String> extraArgs, Path logDir) {
        RedisServerProcess server = logDir == null
                ? new RedisServerProcess(executable, port, extraArgs, tempDir(), true)
                : new RedisServerProcess(executable, port, extraArgs, logDir, false);
        Runtime.getRuntime().addShutdownHook(server.shutdownHook);
        try {
            server.launch();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Kills the server (no graceful shutdown, like a crash) and waits until the port refuses connections. */
    public synchronized void stop() {
        kill();
        long deadline = System.currentTimeMillis() + STOP_TIMEOUT_MILLIS;
        while (accepts()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("port " + port + " still accepts connections after redis-server was killed");
            }
            sleep(20);
        }
    }

    /** Stops the server if it runs, then starts a new, empty one on the same port. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("redis-server on port " + port + " is closed");
        }
        stop();
        try {
            Files.deleteIfExists(dir.resolve(SNAPSHOT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        launch();
    }

    /**
     * Kills the server ({@code kill -9}: what it wrote since its last {@code SAVE} is lost) and starts
     * a new one on the same port from that snapshot: what a crash, or a failover to a replica that
     * missed the last writes, looks like to a client.
     */
    public synchronized void crashAndRestartFromSnapshot() {
        if (!Files.exists(dir.resolve(SNAPSHOT))) {
            throw new IllegalStateException("no snapshot: SAVE first");
        }
        stop();
        launch();
    }

    /** Freezes the server ({@code SIGSTOP}): connections stay open and nothing answers. */
    public synchronized void pause() {
        signal("STOP");
    }

    /** Lets a {@link #pause() paused} server run again ({@code SIGCONT}). */
    public synchronized void resume() {
        signal("CONT");
    }

    /** Runs one command on the server (e.g. {@code SAVE}, {@code FLUSHALL}) and returns its reply as text. */
    public String command(String... args) {
        try (RespClient client = RespClient.connect(port)) {
            return client.call(args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void signal(String name) {
        if (process == null) {
            throw new IllegalStateException("redis-server on port " + port + " is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to; it kills the process anyway.
        }
        if (deleteDirOnClose) {
            deleteDir();
        }
    }

    private synchronized void launch() {
        List<String> command = new ArrayList<>(List.of(executable,
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dbfilename", SNAPSHOT,
                "--daemonize", "no",
                "--dir", dir.toString()));
        command.addAll(extraArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                // A file, not a pipe: nobody drains a pipe, and a full one would block the server.
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + executable, e);
        }
        long deadline = System.currentTimeMillis() + STARTUP_TIMEOUT_MILLIS;
        while (!answersPing(process)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited with "
                        + process.exitValue() + " during startup:\n" + tail());
            }
            if (System.currentTimeMillis() > deadline) {
                kill();
                throw new IllegalStateException("redis-server on port " + port + " did not answer PING within "
                        + STARTUP_TIMEOUT_MILLIS + " ms:\n" + tail());
            }
            sleep(20);
        }
    }

    private synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(STOP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("redis-server on port " + port + " did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /**
     * True once the server answers PING, and it is this process answering: a concurrent test run
     * may have taken the "free" port first, and its server would answer PING just as well while
     * ours dies of "Address already in use".
     */
    private boolean answersPing(Process ours) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\nINFO server\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            if (!"+PONG".equals(in.readLine())) {
                // e.g. "-LOADING": up, but not ready yet.
                return false;
            }
            String pid = "process_id:" + ours.pid();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.equals(pid)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (ConnectException refused) {
            return false;
        } catch (IOException e) {
            // A timeout is not a refusal; ask again.
            return true;
        }
    }

    static String findExecutable() {
        return findExecutable(System.getenv("PATH"), Paths.get("/usr/bin/redis-server"));
    }

    /** The first executable {@code redis-server} on {@code pathVariable}, else {@code fallback}. */
    static String findExecutable(String pathVariable, Path fallback) {
        Stream<Path> onPath = pathVariable == null ? Stream.empty() : Stream.of(pathVariable.split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Paths.get(entry, "redis-server"));
        return Stream.concat(onPath, Stream.of(fallback))
                .filter(file -> Files.isRegularFile(file) && Files.isExecutable(file))
                .findFirst()
                .map(Path::toString)
                .orElseThrow(() -> new NotInstalledException(
                        "redis-server is not installed (not on PATH nor " + fallback + "); install the redis-server package"));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("redis-server-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void deleteDir() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // A temp dir left behind is harmless.
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** No {@code redis-server} to run: a reason to skip a test or to ask for another Redis, not a failure of this class. */
    public static final class NotInstalledException extends RuntimeException {
        NotInstalledException(String message) {
            super(message);
        }
    }
}
