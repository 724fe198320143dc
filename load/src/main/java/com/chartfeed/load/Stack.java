package com.chartfeed.load;

import com.chartfeed.testing.RedisServerProcess;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What a driver runs against: its own redis-server (unless told otherwise), the local servers it
 * started, and one HTTP client for all of them. Closing it stops everything it started, servers
 * first, so that no server logs a dead Redis on its way out.
 */
public final class Stack implements AutoCloseable {
    private final ServerOptions options;
    private final HttpClient http = ChartApi.newHttpClient();
    private final List<ServerProcess> servers = new ArrayList<>();
    private RedisServerProcess ownRedis;
    private String classpath;

    public Stack(ServerOptions options) {
        this.options = options;
    }

    /** The Redis URI servers get: this run's own redis-server (started on first use), a given URI, or null. */
    public synchronized String redisUri() {
        switch (options.redisUri) {
            case "none":
                return null;
            case "own":
                if (ownRedis == null) {
                    try {
                        ownRedis = RedisServerProcess.start(options.logs);
                    } catch (RedisServerProcess.NotInstalledException e) {
                        // No cause: Cli prints such a failure as one line.
                        throw new IllegalStateException(e.getMessage() + ", or pass --redis-uri");
                    }
                }
                return ownRedis.uri();
            default:
                return options.redisUri;
        }
    }

    /** This run's own redis-server, started if need be; for the fault run, which stops and restarts it. */
    public synchronized RedisServerProcess ownRedis() {
        if (!"own".equals(options.redisUri)) {
            throw new IllegalStateException("--redis-uri must be 'own' here: this run stops and restarts its Redis");
        }
        redisUri();
        return ownRedis;
    }

    /** Starts a server on the configured PostgreSQL and Redis; {@code extraEnv} adds or overrides settings. */
    public ServerProcess startServer(String name, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>();
        env.put("DATASOURCES_DEFAULT_URL", options.postgresUrl);
        env.put("DATASOURCES_DEFAULT_USERNAME", options.postgresUser);
        env.put("DATASOURCES_DEFAULT_PASSWORD", options.postgresPassword);
        env.put("REDIS_URI", redisUri());
        env.put("ADMIN_TOKEN", options.adminToken());
        env.putAll(extraEnv);
        synchronized (this) {
            if (classpath == null) {
                classpath = ServerProcess.classpath(options.serverClasspath);
            }
        }
        System.out.println("starting " + name + " " + extraEnv + " (log: " + options.logs.resolve(name + ".log") + ")");
        ServerProcess server = ServerProcess.start(name, classpath, env, options.serverJvmArgs, options.logs,
                options.startTimeout);
        synchronized (this) {
            servers.add(server);
        }
        System.out.println(name + " is up at " + server.uri() + " (pid " + server.pid() + ")");
        return server;
    }

    public ChartApi api(URI base) {
        return new ChartApi(http, base, options.adminToken(), options.timeout);
    }

    public ServerOptions options() {
        return options;
    }

    @Override
    public synchronized void close() {
        // All at once: each takes its JVM's shutdown (seconds on a busy machine, a class-data archive written).
        servers.stream().map(server -> CompletableFuture.runAsync(server::close)).toList()
                .forEach(CompletableFuture::join);
        servers.clear();
        if (ownRedis != null) {
            ownRedis.close();
            ownRedis = null;
        }
    }
}
