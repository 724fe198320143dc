package com.chartfeed.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code com.chartfeed.local.LocalServer} as a child JVM on a free port of 127.0.0.1, started
 * with the runtime classpath the build wrote next to the driver's classes
 * ({@code server.classpath}), its output in a log file. Killed with the driver at the latest.
 */
public final class ServerProcess implements AutoCloseable {
    private static final String MAIN_CLASS = "com.chartfeed.local.LocalServer";
    private static final String CLASSPATH_RESOURCE = "server.classpath";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final URI uri;
    private final Path log;
    private final Thread shutdownHook;

    private ServerProcess(String name, Process process, URI uri, Path log) {
        this.name = name;
        this.process = process;
        this.uri = uri;
        this.log = log;
        this.shutdownHook = new Thread(process::destroyForcibly, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a server and waits until {@code GET /v1/cache/health} answers 200.
     *
     * @param env     the server's settings ({@code DATASOURCES_DEFAULT_URL}, {@code REDIS_URI}, {@code CACHE_*}...);
     *                a null value removes an inherited variable
     * @param jvmArgs options of the child JVM (heap, GC)
     */
    public static ServerProcess start(String name, String classpath, Map<String, String> env, List<String> jvmArgs,
                                      Path logDir, Duration startTimeout) {
        int port = freePort();
        Path log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classpath);
        command.add(MAIN_CLASS);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                // A file, not a pipe: nobody drains a pipe, and a full one would stall the server.
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> childEnv = builder.environment();
        env.forEach((key, value) -> {
            if (value == null) {
                childEnv.remove(key);
            } else {
                childEnv.put(key, value);
            }
        });
        childEnv.put("PORT", Integer.toString(port));
        Process process;
        try {
            Files.createDirectories(logDir);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        ServerProcess server = new ServerProcess(name, process, URI.create("http://127.0.0.1:" + port), log);
        try {
            server.awaitHealthy(startTimeout);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The classpath the build wrote; {@code override} (a path list or {@code @file}) wins when given. */
    public static String classpath(String override) {
        if (override != null && !override.isBlank()) {
            if (override.startsWith("@")) {
                try {
                    return Files.readString(Path.of(override.substring(1))).strip();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return override;
        }
        try (InputStream in = ServerProcess.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing: build with "
                        + "mvn -pl load -am package -DskipTests, or pass --server-classpath");
            }
            String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            checkReactorBuilt(classpath);
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The project's own jars must come from this checkout's reactor build: built without
     * {@code -am}, Maven takes them from ~/.m2, which may hold anyone's older snapshot.
     */
    private static void checkReactorBuilt(String classpath) {
        for (String module : List.of("chartfeed-local-server", "chartfeed-indicator-function",
                "chartfeed-cache-stats-function", "chartfeed-shared")) {
            boolean fromTarget = false;
            for (String entry : classpath.split(java.io.File.pathSeparator)) {
                Path jar = Path.of(entry);
                if (jar.getFileName().toString().startsWith(module + "-") && jar.getParent() != null
                        && jar.getParent().getFileName().toString().equals("target")) {
                    if (!Files.exists(jar)) {
                        throw new IllegalStateException(entry + " does not exist: rebuild with "
                                + "mvn -pl load -am package -DskipTests");
                    }
                    fromTarget = true;
                }
            }
            if (!fromTarget) {
                throw new IllegalStateException("the server classpath this jar was built with has no " + module
                        + " from a target/ directory (built without -am?): rebuild with "
                        + "mvn -pl load -am package -DskipTests, or pass --server-classpath");
            }
        }
    }

    public String name() {
        return name;
    }

    public URI uri() {
        return uri;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    private void awaitHealthy(Duration timeout) {
        ChartApi api = new ChartApi(ChartApi.newHttpClient(), uri, "", Duration.ofSeconds(5));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (api.get("/v1/cache/health", false).status() == 200) {
                return;
            }
            Pause.millis(250);
        }
        throw new IllegalStateException(name + " did not answer GET /v1/cache/health with 200 within "
                + timeout.toSeconds() + " s; see " + log);
    }

    /** SIGTERM (a graceful Micronaut shutdown), then SIGKILL if it takes too long. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs anyway.
        }
    }

    /** The JVM running this driver, so the server runs on the same Java. */
    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
