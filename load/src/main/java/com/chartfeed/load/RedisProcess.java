package com.chartfeed.load;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code redis-server} child process of the driver's own, on a free port of 127.0.0.1, that can
 * be killed and started again on the same port (the shared Redis on 6379 must never be stopped).
 * Nothing is persisted: a restarted server comes back empty, like a replaced cache node. The
 * approach of the tests' {@code RedisServerProcess}, in main code.
 */
public final class RedisProcess implements AutoCloseable {
    private static final long STARTUP_MILLIS = 5_000;
    private static final long STOP_MILLIS = 5_000;

    private final String executable;
    private final int port;
    private final Path log;
    private final Thread shutdownHook;
    private volatile Process process;

    private RedisProcess(String executable, int port, Path log) {
        this.executable = executable;
        this.port = port;
        this.log = log;
        this.shutdownHook = new Thread(() -> {
            Process running = process;
            if (running != null) {
                running.destroyForcibly();
            }
        }, "redis-" + port + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a fresh server on a free port and waits until it (this process, not another) answers PING. */
    public static RedisProcess start(Path logDir) {
        String executable = executable();
        IllegalStateException last = null;
        // A free port is free only until someone takes it; a failed start is retried on a new one.
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = ServerProcess.freePort();
            RedisProcess redis = new RedisProcess(executable, port, logDir.resolve("redis-" + port + ".log"));
            try {
                Files.createDirectories(logDir);
                redis.startAgain();
                return redis;
            } catch (IllegalStateException e) {
                redis.close();
                last = e;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw last;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Kills the server like a crash and waits until its port refuses connections. */
    public synchronized void stop() {
        kill();
        long deadline = System.currentTimeMillis() + STOP_MILLIS;
        while (accepts()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("port " + port + " still accepts connections after redis-server died");
            }
            Pause.millis(20);
        }
    }

    /** Starts a new, empty server on the same port. */
    public synchronized void startAgain() {
        ProcessBuilder builder = new ProcessBuilder(List.of(executable, "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
                "--dir", log.getParent().toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + executable, e);
        }
        long deadline = System.currentTimeMillis() + STARTUP_MILLIS;
        while (!answersPing(process)) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                kill();
                throw new IllegalStateException("redis-server on port " + port + " did not start; see " + log);
            }
            Pause.millis(20);
        }
    }

    @Override
    public synchronized void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook kills it anyway.
        }
    }

    private void kill() {
        Process running = process;
        if (running == null) {
            return;
        }
        running.destroyForcibly();
        try {
            if (!running.waitFor(STOP_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("redis-server on port " + port + " did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** PONG, and {@code INFO server} names our pid: another run's server on a reused port would PONG too. */
    private boolean answersPing(Process ours) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\nINFO server\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            if (!"+PONG".equals(in.readLine())) {
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
            return true;
        }
    }

    private static String executable() {
        String path = System.getenv("PATH");
        Stream<Path> onPath = path == null ? Stream.empty()
                : Stream.of(path.split(File.pathSeparator)).filter(p -> !p.isEmpty()).map(p -> Path.of(p, "redis-server"));
        return Stream.concat(onPath, Stream.of(Path.of("/usr/bin/redis-server")))
                .filter(file -> Files.isRegularFile(file) && Files.isExecutable(file))
                .findFirst().map(Path::toString)
                .orElseThrow(() -> new IllegalStateException("redis-server is not installed (apt-get install redis-server), "
                        + "or pass --redis-uri"));
    }
}
