package com.chartfeed.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A schema of one test's own on the test PostgreSQL, for a test that puts triggers on the tables
 * or breaks them: contexts on {@link #url()} migrate into it and see nothing of the other tests,
 * which share the database. Dropped, with all it holds, on {@link #close()}.
 */
public final class TestSchema implements AutoCloseable {
    public final String name;

    private TestSchema(String name) {
        this.name = name;
    }

    public static TestSchema create(String prefix) throws SQLException {
        TestSchema schema = new TestSchema(prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        try (Connection connection = DriverManager.getConnection(TestServices.postgresUrl(), user(), password());
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE SCHEMA " + schema.name);
        }
        return schema;
    }

    /** The test PostgreSQL's JDBC URL with this schema as the current one. */
    public String url() {
        String base = TestServices.postgresUrl();
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    /** A connection of the test's own (as the owner) with this schema current. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user(), password());
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestServices.postgresUrl(), user(), password());
             Statement sql = connection.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }

    private static String user() {
        return TestServices.postgres().get("datasources.default.username").toString();
    }

    private static String password() {
        return TestServices.postgres().get("datasources.default.password").toString();
    }
}
