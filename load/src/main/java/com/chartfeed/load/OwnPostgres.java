package com.chartfeed.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster of the run's own ({@code initdb} in a temp dir, on a free port of
 * 127.0.0.1, trust auth, no fsync), so that the nemesis may stop it and freeze it with
 * {@code SIGSTOP}: never the shared server on 5432, which other runs use. {@code initdb} refuses
 * to run as root, so as root every command runs as the {@code postgres} OS user
 * ({@code runuser -u postgres --}).
 */
final class OwnPostgres implements AutoCloseable {
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final long COMMAND_TIMEOUT_SECONDS = 60;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final Thread shutdownHook;
    private boolean closed;

    private OwnPostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.shutdownHook = new Thread(() -> stopQuietly("immediate"), "own-postgres-shutdown");
    }

    /**
     * Makes and starts the cluster, with database {@code chartfeed}.
     *
     * @throws IllegalStateException with the reason when it cannot (no binaries, no {@code postgres} user...)
     */
    static OwnPostgres start(Path binDir) {
        Path bin = binDir == null ? BIN : binDir;
        if (!Files.isExecutable(bin.resolve("initdb")) || !Files.isExecutable(bin.resolve("pg_ctl"))) {
            throw new IllegalStateException("no initdb/pg_ctl in " + bin);
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("checker-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OwnPostgres pg = new OwnPostgres(bin, dir, freePort());
        Runtime.getRuntime().addShutdownHook(pg.shutdownHook);
        try {
            if (asRoot()) {
                run(List.of("chown", "postgres", dir.toString()));
            }
            run(pg.command(bin.resolve("initdb").toString(), "-D", pg.data().toString(), "-U", "postgres",
                    "--auth=trust", "-E", "UTF8", "--no-sync"));
            pg.pgCtlStart();
            run(List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", Integer.toString(pg.port),
                    "-U", "postgres", "-d", "postgres", "-qc", "CREATE DATABASE chartfeed"));
            return pg;
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/chartfeed";
    }

    /** Stops the server the hard way ({@code pg_ctl stop -m immediate}: like a crash, recovery on start). */
    void stop() {
        run(command(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "-w", "stop"));
    }

    void startAgain() {
        pgCtlStart();
    }

    /** Freezes the postmaster and every backend ({@code SIGSTOP}): connections stay open, nothing answers. */
    void pause() {
        signal("STOP");
    }

    void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        List<String> pids = new ArrayList<>();
        ProcessHandle.of(postmasterPid()).ifPresent(postmaster -> {
            pids.add(Long.toString(postmaster.pid()));
            postmaster.children().forEach(child -> pids.add(Long.toString(child.pid())));
        });
        if (pids.isEmpty()) {
            throw new IllegalStateException("PostgreSQL is not running");
        }
        List<String> kill = new ArrayList<>(List.of("kill", "-" + name));
        kill.addAll(pids);
        run(kill);
    }

    private long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(data().resolve("postmaster.pid")).getFirst().strip());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL is not running (no postmaster.pid)", e);
        }
    }

    private void pgCtlStart() {
        run(command(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l", dir.resolve("postgres.log").toString(),
                // fsync off: a stop is a crash of PostgreSQL, never of the machine, so the page cache keeps
                // what was written. synchronous_commit stays on: an immediate stop would lose commits
                // already acknowledged, and the checker would blame the cache for them.
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c full_page_writes=off -c max_connections=200",
                "-w", "-t", "60", "start"));
    }

    private Path data() {
        return dir.resolve("data");
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        if (asRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.addAll(List.of(args));
        return command;
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            // pg_ctl start leaves the server holding inherited descriptors: read to EOF only with a bound.
            process.getOutputStream().close();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            if (process.exitValue() != 0) {
                String output = new String(process.getInputStream().readNBytes(4_000));
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                        + ": " + output.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void stopQuietly(String mode) {
        try {
            if (Files.exists(data().resolve("postmaster.pid"))) {
                try {
                    resume();
                } catch (RuntimeException notRunning) {
                    // stop anyway
                }
                run(command(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", mode, "-w", "stop"));
            }
        } catch (RuntimeException e) {
            System.err.println("could not stop the run's PostgreSQL: " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopQuietly("immediate");
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook stops it anyway.
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // A temp dir left behind is harmless.
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
