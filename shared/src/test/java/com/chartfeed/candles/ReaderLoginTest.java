package com.chartfeed.candles;

import com.chartfeed.cache.CacheInvalidator;
import com.chartfeed.testing.TestServices;
import io.micronaut.context.ApplicationContext;
import io.micronaut.jdbc.DataSourceResolver;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read-only login on the real PostgreSQL: after {@link ReaderLogin#ensure} it logs in, reads
 * every table (also one created afterwards by the owner), runs the snapshot hook's Flyway check,
 * and every write is refused but bumping versions, which it does only through the owner's function
 * (so it can never set one back); its password is stored as a SCRAM verifier and follows the setting.
 * Each test makes a login of its own (roles are shared by the whole server) and drops it.
 */
class ReaderLoginTest {
    private final String name = "cf_reader_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private ApplicationContext context;
    private DataSource owner;

    @BeforeEach
    void start() {
        context = TestServices.startOnPostgres(Map.of());
        // The pool itself, as the snapshot hook resolves it, not Micronaut Data's contextual proxy.
        DataSource bean = context.getBean(DataSource.class);
        owner = context.findBean(DataSourceResolver.class).map(resolver -> resolver.resolve(bean)).orElse(bean);
    }

    @AfterEach
    void stop() throws SQLException {
        try (Connection connection = owner.getConnection(); Statement statement = connection.createStatement()) {
            ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + name + "'");
            if (exists.next()) {
                statement.execute("DROP OWNED BY " + name);
                statement.execute("DROP ROLE " + name);
            }
        } finally {
            context.close();
        }
    }

    @Test
    void theLoginReadsEveryTableAndWritesNothing() throws SQLException {
        assertTrue(login("first-password").ensure(owner));
        String table = name + "_later";
        try {
            sql(owner, "CREATE TABLE " + table + " (x int)");
            try (Connection reader = connectAs(name); Statement statement = reader.createStatement()) {
                statement.executeQuery("SELECT count(*) FROM candles").close();
                statement.executeQuery("SELECT count(*) FROM symbols").close();
                statement.executeQuery("SELECT count(*) FROM " + table).close();
                for (String write : new String[]{
                        "INSERT INTO symbols (symbol) VALUES ('" + TestServices.uniqueSymbol("RO") + "')",
                        "UPDATE candles SET v = v WHERE false",
                        "DELETE FROM symbols WHERE false",
                        "INSERT INTO " + table + " VALUES (1)",
                        "TRUNCATE " + table,
                        "DROP TABLE " + table}) {
                    SQLException denied = assertThrows(SQLException.class, () -> statement.execute(write), write);
                    assertEquals("42501", denied.getSQLState(), write + ": " + denied.getMessage());
                }
            }
        } finally {
            sql(owner, "DROP TABLE IF EXISTS " + table);
        }
    }

    @Test
    void theLoginMovesVersionsOnlyForwardAndOnlyByBumping() throws SQLException {
        login("pw").ensure(owner);
        String symbol = TestServices.uniqueSymbol("BUMP");
        // The login's own path: a container connecting as it invalidates, twice, and marks published.
        try (ApplicationContext asReader = TestServices.startOnPostgres(Map.of(
                "datasources.default.username", name, "datasources.default.password", "pw"))) {
            CacheInvalidator invalidator = asReader.getBean(CacheInvalidator.class);
            CandleVersions versions = asReader.getBean(CandleVersions.class);
            invalidator.invalidate(symbol, null, CacheInvalidator.Waiting.REQUEST);
            Map<Interval, Long> first = versions.read(symbol, List.of(Interval.values()));
            invalidator.invalidate(symbol, Interval.H1, CacheInvalidator.Waiting.REQUEST);
            Map<Interval, Long> second = versions.read(symbol, List.of(Interval.values()));
            assertTrue(first.get(Interval.H1) > 0 && second.get(Interval.H1) > first.get(Interval.H1), first + " " + second);
            assertEquals(first.get(Interval.D1), second.get(Interval.D1));
        }
        try (Connection reader = connectAs(name); Statement statement = reader.createStatement()) {
            ResultSet left = statement.executeQuery("SELECT count(*) FROM unpublished_versions WHERE symbol = '"
                    + symbol + "'");
            left.next();
            assertEquals(0, left.getLong(1), "published versions are no longer unpublished");
            for (String write : new String[]{
                    "UPDATE candle_versions SET version = 1",
                    "INSERT INTO candle_versions (symbol, \"interval\", version) VALUES ('" + symbol + "', '1m', 1)",
                    "DELETE FROM candle_versions WHERE symbol = '" + symbol + "'",
                    "INSERT INTO unpublished_versions (symbol, \"interval\", version) VALUES ('" + symbol + "', '1h', "
                            + Long.MAX_VALUE + ")",
                    "UPDATE unpublished_versions SET version = 1",
                    "SELECT nextval('candle_version_seq')",
                    "SELECT setval('candle_version_seq', 1)"}) {
                SQLException denied = assertThrows(SQLException.class, () -> statement.execute(write), write);
                assertEquals("42501", denied.getSQLState(), write + ": " + denied.getMessage());
            }
        }
    }

    @Test
    void theSnapshotHooksMigrationCheckRunsOnTheLogin() throws SQLException {
        login("pw").ensure(owner);
        var result = Flyway.configure().dataSource(TestServices.postgresUrl(), name, "pw").load().migrate();
        assertEquals(0, result.migrationsExecuted, "nothing pending: the check needs no write");
    }

    @Test
    void thePasswordIsAScramVerifierThatFollowsTheSetting() throws SQLException {
        login("first-password").ensure(owner);
        String first = storedPassword();
        assertTrue(first.startsWith("SCRAM-SHA-256$"), first);
        assertTrue(login("first-password").ensure(owner), "a second run is harmless");
        login("second-password").ensure(owner);
        assertNotEquals(first, storedPassword());
    }

    @Test
    void withoutAUsernameNothingHappens() throws SQLException {
        assertFalse(new ReaderLogin(new ReaderLoginSettings("", "")).ensure(owner));
        assertFalse(new ReaderLogin(new ReaderLoginSettings(null, null)).ensure(owner));
        assertThrows(IllegalStateException.class, () -> new ReaderLogin(new ReaderLoginSettings("x; DROP", "pw")).ensure(owner));
        assertThrows(IllegalStateException.class, () -> login("").ensure(owner));
        try (Connection connection = owner.getConnection(); Statement statement = connection.createStatement()) {
            assertFalse(statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + name + "'").next());
        }
    }

    private ReaderLogin login(String password) {
        return new ReaderLogin(new ReaderLoginSettings(name, password));
    }

    /** Connects as the login; the test server trusts local connections, so this checks the grants, not the password. */
    private static Connection connectAs(String role) throws SQLException {
        return DriverManager.getConnection(TestServices.postgresUrl(), role, "");
    }

    private String storedPassword() throws SQLException {
        try (Connection connection = owner.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT rolpassword FROM pg_authid WHERE rolname = '"
                     + name.toLowerCase(Locale.ROOT) + "'")) {
            assertTrue(row.next());
            return row.getString(1);
        }
    }

    private static void sql(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
