package com.chartfeed.load;

import com.chartfeed.testing.TcpProxy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The PostgreSQL faults of a fault-schedule run. Through the servers' {@link TcpProxy}: cut and
 * black hole. On the run's {@link OwnPostgres} only (never the shared server): stop and start, and
 * {@code SIGSTOP}. On whichever database the run uses, from a connection of its own: slow version
 * writes (a trigger on {@code candle_versions} that sleeps while the fault lasts, so that a bump
 * stalls between taking its version and committing it, as a GC pause or a throttled vCPU would
 * stall it) and the candle table locked (every query on it waits: slow queries, and each
 * container's pool exhausted by requests waiting for them).
 */
final class PostgresFaults implements AutoCloseable {
    private static final String SLOW_TABLE = "checker_slow_versions";
    private static final String SLOW_FUNCTION = "checker_slow_versions()";

    private final TcpProxy proxy;
    private final OwnPostgres own;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final long slowVersionMillis;

    PostgresFaults(TcpProxy proxy, OwnPostgres own, String jdbcUrl, String user, String password,
                   long slowVersionMillis) {
        this.proxy = proxy;
        this.own = own;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.slowVersionMillis = slowVersionMillis;
    }

    List<String> faults() {
        List<String> faults = new ArrayList<>(List.of("pg-cut", "pg-blackhole"));
        if (own != null) {
            faults.addAll(List.of("pg-stop", "pg-pause"));
        }
        faults.addAll(List.of("pg-slow-versions", "pg-lock-candles"));
        return faults;
    }

    /** Installs the slow-version trigger, idle; after the servers migrated the schema. */
    void install() {
        execute("CREATE TABLE IF NOT EXISTS " + SLOW_TABLE + " (max_ms INT NOT NULL)",
                "DELETE FROM " + SLOW_TABLE,
                "INSERT INTO " + SLOW_TABLE + " VALUES (0)",
                "CREATE OR REPLACE FUNCTION " + SLOW_FUNCTION + " RETURNS trigger LANGUAGE plpgsql AS $$"
                        + " DECLARE ms INT; BEGIN SELECT max_ms INTO ms FROM " + SLOW_TABLE + ";"
                        + " IF ms > 0 THEN PERFORM pg_sleep(random() * ms / 1000.0); END IF; RETURN NEW; END $$",
                "DROP TRIGGER IF EXISTS checker_slow_versions ON candle_versions",
                "CREATE TRIGGER checker_slow_versions BEFORE INSERT OR UPDATE ON candle_versions"
                        + " FOR EACH ROW EXECUTE FUNCTION " + SLOW_FUNCTION);
    }

    Nemesis.Begun begin(String kind, SplittableRandom random) {
        String target = own != null ? "postgres:" + own.port() : "postgres (proxy " + proxy.port() + ")";
        switch (kind) {
            case "pg-cut" -> {
                proxy.cut();
                return new Nemesis.Begun(target, "connections cut, new ones refused", proxy::restore);
            }
            case "pg-blackhole" -> {
                proxy.blackhole();
                return new Nemesis.Begun(target, "connections black-holed", proxy::restore);
            }
            case "pg-stop" -> {
                own.stop();
                return new Nemesis.Begun(target, "pg_ctl stop -m immediate", own::startAgain);
            }
            case "pg-pause" -> {
                own.pause();
                return new Nemesis.Begun(target, "SIGSTOP of the postmaster and every backend", own::resume);
            }
            case "pg-slow-versions" -> {
                execute("UPDATE " + SLOW_TABLE + " SET max_ms = " + slowVersionMillis);
                return new Nemesis.Begun(target, "version writes sleep up to " + slowVersionMillis + " ms",
                        () -> execute("UPDATE " + SLOW_TABLE + " SET max_ms = 0"));
            }
            case "pg-lock-candles" -> {
                Connection holder = lockCandles();
                return new Nemesis.Begun(target, "candles locked: queries wait, pools fill", () -> release(holder));
            }
            default -> throw new IllegalArgumentException("not a PostgreSQL fault: " + kind);
        }
    }

    private Connection lockCandles() {
        try {
            Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL lock_timeout = '2s'");
                statement.execute("LOCK TABLE candles IN ACCESS EXCLUSIVE MODE");
            }
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot lock candles: " + e.getMessage(), e);
        }
    }

    private static void release(Connection connection) {
        try (connection) {
            connection.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot release the lock: " + e.getMessage(), e);
        }
    }

    private void execute(String... statements) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Leaves a shared database as it was: no trigger of the run's left behind. */
    @Override
    public void close() {
        try {
            execute("DROP TRIGGER IF EXISTS checker_slow_versions ON candle_versions",
                    "DROP FUNCTION IF EXISTS " + SLOW_FUNCTION, "DROP TABLE IF EXISTS " + SLOW_TABLE);
        } catch (RuntimeException e) {
            System.err.println("could not remove the slow-version trigger: " + e.getMessage());
        }
    }
}
