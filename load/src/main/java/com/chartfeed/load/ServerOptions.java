package com.chartfeed.load;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** How the drivers start the local server and what it talks to: the options all three programs share. */
public final class ServerOptions {
    @Option(names = "--postgres-url", defaultValue = "jdbc:postgresql://127.0.0.1:5432/test",
            description = "PostgreSQL of the server (DATASOURCES_DEFAULT_URL). Default: ${DEFAULT-VALUE}")
    String postgresUrl;

    @Option(names = "--postgres-user", defaultValue = "postgres", description = "Default: ${DEFAULT-VALUE}")
    String postgresUser;

    @Option(names = "--postgres-password", defaultValue = "", description = "Default: empty (trust)")
    String postgresPassword;

    @Option(names = "--redis-uri", defaultValue = "own",
            description = "The server's L2 (REDIS_URI): 'own' starts a redis-server of this run's own on a free port, "
                    + "isolated from other runs; or a redis:// URI (e.g. redis://127.0.0.1:6379); or 'none'. "
                    + "Default: ${DEFAULT-VALUE}")
    String redisUri;

    @Option(names = "--server-classpath",
            description = "The local server's runtime classpath (or @file). Default: the one the build wrote into this jar")
    String serverClasspath;

    @Option(names = "--server-jvm-args", defaultValue = "-Xms1g -Xmx1g", split = " ",
            description = "Options of each server JVM. Default: ${DEFAULT-VALUE}")
    List<String> serverJvmArgs;

    @Option(names = "--admin-token", defaultValue = "${env:ADMIN_TOKEN}",
            description = "Admin bearer token (ADMIN_TOKEN) the server is started with, or that an attached one has. "
                    + "Default: $ADMIN_TOKEN, else a random one")
    String adminToken;

    @Option(names = "--logs", defaultValue = "target/load-logs",
            description = "Where the servers' and redis-server's logs go. Default: ${DEFAULT-VALUE}")
    Path logs;

    @Option(names = "--timeout", defaultValue = "5s", description = "Client timeout of one request. Default: ${DEFAULT-VALUE}")
    Duration timeout;

    @Option(names = "--start-timeout", defaultValue = "120s",
            description = "How long a server may take to start. Default: ${DEFAULT-VALUE}")
    Duration startTimeout;

    String adminToken() {
        if (adminToken == null || adminToken.isBlank()) {
            adminToken = UUID.randomUUID().toString();
        }
        return adminToken;
    }
}
