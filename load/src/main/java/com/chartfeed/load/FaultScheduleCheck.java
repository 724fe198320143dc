package com.chartfeed.load;

import com.chartfeed.testing.TcpProxy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A randomized fault-schedule check in the spirit of Jepsen. Several servers (containers) share one
 * Redis and one PostgreSQL; concurrent writers upload and ingest candles (two on one
 * (symbol, interval)), readers read candles, an indicator and batches, and a seeded nemesis
 * restarts, flushes, rolls back, freezes and black-holes Redis, cuts, black-holes, stops, freezes,
 * slows and locks PostgreSQL, and freezes server processes. Everything is recorded as a
 * {@link History} (JSON lines), then judged by {@link HistoryChecker}: no read presented as current
 * misses a candle acknowledged more than the staleness budget before it (a {@code PUT} answered
 * {@code "invalidatedFleetWide": false}: more than the catch-up bound after it or after Redis answered
 * again), versions never go back, no request waits on Redis past its deadline.
 */
@Command(name = "FaultScheduleCheck", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writers, readers and a seeded nemesis against several servers; the history checked offline.",
                "Here the server JVMs default to '" + FaultScheduleCheck.SERVER_JVM_ARGS + "' with a class-data "
                        + "archive kept in --logs (local-server.jsa, made by the first run), and --redis-uri is "
                        + "ignored (--redis says which Redis the run starts)."})
public final class FaultScheduleCheck implements Callable<Integer> {
    private static final Pattern JDBC_HOST_PORT = Pattern.compile("^(jdbc:postgresql://)([^/:]+)(?::(\\d+))?(/[^?]*)(\\?.*)?$");
    static final String SERVER_JVM_ARGS = "-Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    @Mixin
    ServerOptions serverOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--seed", description = "Seeds the fault schedule and the clients' choices. Default: random, printed")
    Long seed;

    @Option(names = "--duration", defaultValue = "60s", description = "Length of the fault schedule. Default: ${DEFAULT-VALUE}")
    Duration duration;

    @Option(names = "--settle", defaultValue = "3s",
            description = "Reads go on this long after the last fault was repaired. Default: ${DEFAULT-VALUE}")
    Duration settle;

    @Option(names = "--servers", defaultValue = "3", description = "Server processes (containers). Default: ${DEFAULT-VALUE}")
    int serverCount;

    @Option(names = "--redis", defaultValue = "standalone",
            description = "standalone (one redis-server of the run's own, behind a proxy) or cluster (three masters of "
                    + "the run's own). Default: ${DEFAULT-VALUE}")
    String redisMode;

    @Option(names = "--postgres", defaultValue = "own",
            description = "own: initdb a throwaway cluster, so that it can be stopped and frozen (else those faults are "
                    + "skipped and --postgres-url is used); url: --postgres-url. Default: ${DEFAULT-VALUE}")
    String postgresMode;

    @Option(names = "--postgres-bin", defaultValue = "/usr/lib/postgresql/15/bin",
            description = "initdb, pg_ctl and psql of --postgres own. Default: ${DEFAULT-VALUE}")
    Path postgresBin;

    @Option(names = "--faults", split = ",", description = "Fault kinds to draw from. Default: every one the setup allows")
    List<String> faultFilter;

    @Option(names = "--mean-gap", defaultValue = "3s",
            description = "Mean quiet time between two faults of one lane (Redis, PostgreSQL, servers). Default: ${DEFAULT-VALUE}")
    Duration meanGap;

    @Option(names = "--max-fault", defaultValue = "4s", description = "Longest fault. Default: ${DEFAULT-VALUE}")
    Duration maxFault;

    @Option(names = "--slow-version-max", defaultValue = "1500ms",
            description = "pg-slow-versions: a version write sleeps up to this long. Default: ${DEFAULT-VALUE}")
    Duration slowVersionMax;

    @Option(names = "--readers", defaultValue = "6", description = "Reader threads. Default: ${DEFAULT-VALUE}")
    int readers;

    @Option(names = "--think", defaultValue = "40ms", description = "Mean pause of a reader between reads. Default: ${DEFAULT-VALUE}")
    Duration think;

    @Option(names = "--window", defaultValue = "30", description = "Candles back from the newest a read asks for. Default: ${DEFAULT-VALUE}")
    int window;

    @Option(names = "--staleness-budget", defaultValue = "1s", description = "Default: ${DEFAULT-VALUE}")
    Duration budget;

    @Option(names = "--staleness-slack", defaultValue = "100ms", description = "Default: ${DEFAULT-VALUE}")
    Duration stalenessSlack;

    @Option(names = "--redis-deadline", defaultValue = "50ms", description = "Default: ${DEFAULT-VALUE}")
    Duration redisDeadline;

    @Option(names = "--redis-slack", defaultValue = "100ms", description = "Default: ${DEFAULT-VALUE}")
    Duration redisSlack;

    @Option(names = "--write-redis-bound", defaultValue = "1s",
            description = "Longest a PUT may take while only Redis is silent. Default: ${DEFAULT-VALUE}")
    Duration writeRedisBound;

    @Option(names = "--fault-aftermath", defaultValue = "5s",
            description = "A PUT is not held to --write-redis-bound this long after a fault of PostgreSQL or its server. "
                    + "Default: ${DEFAULT-VALUE}")
    Duration faultAftermath;

    @Option(names = "--version-repair-interval", defaultValue = "1s",
            description = "The servers' cache.version-repair-interval, for the catch-up bound. Default: ${DEFAULT-VALUE}")
    Duration repairInterval;

    @Option(names = "--breaker-open-for", defaultValue = "5s",
            description = "The servers' cache.breaker-open-for, for the catch-up bound. Default: ${DEFAULT-VALUE}")
    Duration breakerOpenFor;

    @Option(names = "--catch-up-slack", defaultValue = "1s",
            description = "Added to the catch-up bound of a PUT answered invalidatedFleetWide false "
                    + "(budget + repair interval + breaker open-for). Default: ${DEFAULT-VALUE}")
    Duration catchUpSlack;

    @Option(names = "--history", defaultValue = "target/fault-schedule/history.jsonl", description = "Default: ${DEFAULT-VALUE}")
    Path historyFile;

    @Option(names = "--plan-only", description = "Print the schedule of the seed and exit")
    boolean planOnly;

    @Option(names = "--check", description = "Judge a recorded history (JSON lines) with the settings given, and exit; "
            + "nothing is started")
    Path check;

    private HistoryChecker.Verdict verdict;

    public static void main(String[] args) {
        Cli.run(new FaultScheduleCheck(), args);
    }

    /** The verdict of the last run (for the test that runs it in-process). */
    HistoryChecker.Verdict verdict() {
        return verdict;
    }

    @Override
    public Integer call() throws Exception {
        if (check != null) {
            verdict = checker().check(History.read(check));
            System.out.println(verdict.summary());
            System.out.println(verdict.passed() ? "PASS" : "FAIL");
            return verdict.passed() ? 0 : 1;
        }
        long runSeed = seed != null ? seed : new SecureRandom().nextLong();
        System.out.println("seed " + runSeed + " (replay the schedule with --seed " + runSeed + ")");
        if (!spec.commandLine().getParseResult().hasMatchedOption("--server-jvm-args")) {
            serverOptions.serverJvmArgs = new ArrayList<>(List.of(SERVER_JVM_ARGS.split(" ")));
            // Class data of the server kept from an earlier run of this checkout (made at its end, made
            // again when the classpath changed): start-up is most of a short run's cost.
            serverOptions.serverJvmArgs.addAll(List.of("-XX:+AutoCreateSharedArchive",
                    "-XX:SharedArchiveFile=" + serverOptions.logs.resolve("local-server.jsa").toAbsolutePath()));
        }
        Path logs = serverOptions.logs.resolve("fault-schedule-" + Long.toUnsignedString(runSeed, 36));
        serverOptions.logs = logs;

        OwnPostgres own = null;
        if (postgresMode.equals("own")) {
            try {
                own = OwnPostgres.start(postgresBin);
                serverOptions.postgresUrl = own.jdbcUrl();
                serverOptions.postgresUser = "postgres";
                serverOptions.postgresPassword = "";
                System.out.println("PostgreSQL of the run's own on port " + own.port());
            } catch (RuntimeException e) {
                System.out.println("no PostgreSQL of the run's own (" + e.getMessage() + "): pg-stop and pg-pause are "
                        + "skipped; using " + serverOptions.postgresUrl);
            }
        } else if (!postgresMode.equals("url")) {
            throw new IllegalArgumentException("--postgres must be own or url");
        }
        try (OwnPostgres ownPg = own) {
            return run(runSeed, ownPg);
        }
    }

    private int run(long runSeed, OwnPostgres own) throws Exception {
        Matcher jdbc = JDBC_HOST_PORT.matcher(serverOptions.postgresUrl);
        if (!jdbc.matches()) {
            throw new IllegalArgumentException("--postgres-url must look like jdbc:postgresql://host:port/db");
        }
        int pgPort = jdbc.group(3) == null ? 5432 : Integer.parseInt(jdbc.group(3));
        // The checker's own connections (ingestion, version polls, faults) go straight to PostgreSQL and give up
        // rather than hang when it is frozen.
        String direct = jdbc.group(1) + jdbc.group(2) + ":" + pgPort + jdbc.group(4) + "?socketTimeout=3&connectTimeout=2";
        try (TcpProxy pgProxy = TcpProxy.to(jdbc.group(2), pgPort);
             RedisTopology redis = redisTopology(serverOptions.logs);
             PostgresFaults pgFaults = new PostgresFaults(pgProxy, own, direct, serverOptions.postgresUser,
                     serverOptions.postgresPassword, slowVersionMax.toMillis());
             Stack stack = new Stack(noRedis(serverOptions))) {
            Map<String, List<String>> lanes = new LinkedHashMap<>();
            List<String> redisFaults = new ArrayList<>(redis.faults());
            redisFaults.add("redis-save");
            lanes.put("redis", filter(redisFaults));
            lanes.put("postgres", filter(pgFaults.faults()));
            lanes.put("server", filter(List.of("server-freeze")));
            List<Nemesis.Planned> plan = Nemesis.plan(runSeed, duration, lanes, meanGap, maxFault);
            System.out.println("schedule (" + plan.size() + " faults over " + Durations.format(duration) + ", redis "
                    + redis.name() + ", postgres " + (own != null ? "own" : "given") + "):");
            plan.forEach(p -> System.out.println("  " + p.describe()));
            if (planOnly) {
                return 0;
            }

            Map<String, String> env = new LinkedHashMap<>(redis.serverEnv());
            env.put("DATASOURCES_DEFAULT_URL", jdbc.group(1) + "127.0.0.1:" + pgProxy.port() + jdbc.group(4));
            env.put("LOCAL_LAMBDA_ENDPOINT_ENABLED", "true");
            List<CheckWorkload.Target> targets = startServers(stack, env);
            pgFaults.install();
            String prefix = "FC" + Long.toString(Math.floorMod(runSeed ^ System.nanoTime(), 36L * 36 * 36 * 36), 36)
                    .toUpperCase(Locale.ROOT);
            HttpClient http = ChartApi.newHttpClient();
            try (History history = History.to(historyFile)) {
                long start = System.nanoTime();
                history.add(new History.Run(runSeed, java.time.Instant.now().toString(), targets.stream()
                        .map(t -> t.name() + " " + t.base() + " pid " + t.pid()).toList()));
                CheckWorkload workload = new CheckWorkload(targets, http, serverOptions.adminToken(),
                        serverOptions.timeout, direct, serverOptions.postgresUser, serverOptions.postgresPassword,
                        history, start, prefix, window);
                workload.upload(runSeed);
                workload.warmUp(3);
                redis.snapshot();
                System.out.println("symbols " + workload.symbols() + " and new ones " + prefix + "N*; history "
                        + historyFile.toAbsolutePath());
                workload.start(runSeed, readers, think);
                long scheduleStart = System.nanoTime();
                Map<String, Nemesis.Injector> injectors = Map.of(
                        "redis", (fault, random) -> fault.kind().equals("redis-save") ? saved(redis)
                                : redis.begin(fault.kind(), random),
                        "postgres", (fault, random) -> pgFaults.begin(fault.kind(), random),
                        "server", (fault, random) -> freeze(targets.get((int) Math.floorMod(fault.draw(),
                                (long) targets.size()))));
                Nemesis.run(plan, scheduleStart, injectors, history, () -> (System.nanoTime() - start) / 1_000);
                Pause.until(scheduleStart + duration.toNanos());
                workload.stopWriters();
                Pause.of(settle);
                workload.stopReaders();
                history.close();
                if (own == null) {
                    removeRunData(direct, prefix);
                }
                verdict = checker().check(history.events());
            }
        }
        System.out.println();
        System.out.println(verdict.summary());
        System.out.println("history: " + historyFile.toAbsolutePath() + "; logs: " + serverOptions.logs.toAbsolutePath());
        System.out.println((verdict.passed() ? "PASS" : "FAIL") + " (seed " + runSeed + ")");
        return verdict.passed() ? 0 : 1;
    }

    private HistoryChecker checker() {
        return new HistoryChecker(new HistoryChecker.Settings(budget, stalenessSlack, redisDeadline, redisSlack,
                writeRedisBound, faultAftermath, repairInterval, breakerOpenFor, catchUpSlack));
    }

    /** On a shared database, what the run wrote goes with it (its symbols are its own: a random prefix). */
    private void removeRunData(String jdbcUrl, String prefix) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, serverOptions.postgresUser,
                serverOptions.postgresPassword); Statement statement = c.createStatement()) {
            String like = "'" + prefix + "%'";
            statement.execute("DELETE FROM candles WHERE symbol_id IN (SELECT id FROM symbols WHERE symbol LIKE " + like + ")");
            statement.execute("DELETE FROM unpublished_versions WHERE symbol LIKE " + like);
            statement.execute("DELETE FROM candle_versions WHERE symbol LIKE " + like);
            statement.execute("DELETE FROM symbols WHERE symbol LIKE " + like);
        } catch (SQLException e) {
            System.out.println("could not remove the run's candles (" + prefix + "*): " + e.getMessage());
        }
    }

    private RedisTopology redisTopology(Path logs) {
        return switch (redisMode) {
            case "standalone" -> StandaloneRedis.start(logs.resolve("redis"));
            case "cluster" -> ClusterRedis.start();
            default -> throw new IllegalArgumentException("--redis must be standalone or cluster");
        };
    }

    /** The servers' Redis is the topology's, never the Stack's own. */
    private static ServerOptions noRedis(ServerOptions options) {
        options.redisUri = "none";
        return options;
    }

    private List<String> filter(List<String> kinds) {
        if (faultFilter == null) {
            return kinds;
        }
        return kinds.stream().filter(faultFilter::contains).toList();
    }

    /** All at once (Flyway's lock lets one of them migrate the schema while the others wait). */
    private List<CheckWorkload.Target> startServers(Stack stack, Map<String, String> env) {
        List<CompletableFuture<ServerProcess>> starting = new ArrayList<>();
        for (int i = 1; i <= serverCount; i++) {
            String name = "s" + i;
            starting.add(CompletableFuture.supplyAsync(() -> stack.startServer(name, env)));
        }
        return starting.stream().map(CompletableFuture::join)
                .map(s -> new CheckWorkload.Target(s.name(), s.uri(), s.pid())).toList();
    }

    private static Nemesis.Begun saved(RedisTopology redis) {
        redis.snapshot();
        return new Nemesis.Begun("redis", "SAVE: the snapshot a later restart goes back to", () -> { });
    }

    /** A container frozen between invocations: {@code SIGSTOP} of its process, {@code SIGCONT} to thaw it. */
    private static Nemesis.Begun freeze(CheckWorkload.Target server) {
        signal(server.pid(), "STOP");
        return new Nemesis.Begun(server.name(), "SIGSTOP", () -> signal(server.pid(), "CONT"));
    }

    private static void signal(long pid, String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
