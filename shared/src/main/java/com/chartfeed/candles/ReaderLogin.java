package com.chartfeed.candles;

import jakarta.inject.Singleton;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Creates, or brings up to date, the read-only login the deployed read paths connect as: it may
 * log in and SELECT every table of the schema, present and future, bump the cache's versions
 * through the owner's function {@code candle_versions_bump} (never set them), delete the
 * unpublished versions it has published, and write nothing else (never candles or symbols). Run by the
 * function connecting as the owner, in its SnapStart hook after the migrations: a migration
 * cannot do it, as it cannot know the login's password. The password goes to the server as a
 * SCRAM verifier the driver computes, never as text a statement log could keep. Does nothing
 * unless {@code database.reader.username} is set, nor on a database other than PostgreSQL.
 */
@Singleton
public final class ReaderLogin {
    private static final Logger LOG = LoggerFactory.getLogger(ReaderLogin.class);
    /** Names go into DDL, which takes no bind parameters: only plain lower-case identifiers. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** Made by the migration V4, executable by its owner alone until granted. */
    private static final String BUMP_FUNCTION = "candle_versions_bump(VARCHAR, VARCHAR[], BOOLEAN, INTEGER)";

    private final ReaderLoginSettings settings;

    public ReaderLogin(ReaderLoginSettings settings) {
        this.settings = settings;
    }

    /** Makes the login exist with the configured password and read-only grants; false when there is nothing to do. */
    public boolean ensure(DataSource owner) throws SQLException {
        if (!settings.configured()) {
            return false;
        }
        String name = identifier(settings.username());
        if (settings.password() == null || settings.password().isEmpty()) {
            throw new IllegalStateException("database.reader.password is empty for the read-only login " + name);
        }
        try (Connection connection = owner.getConnection()) {
            if (!connection.isWrapperFor(PGConnection.class)) {
                return false;
            }
            String schema = identifier(connection.getSchema());
            String role = '"' + name + '"';
            try (Statement statement = connection.createStatement()) {
                // CREATE ROLE has no IF NOT EXISTS; two hooks racing both end with the role.
                statement.execute("DO $$ BEGIN CREATE ROLE " + role + " LOGIN; "
                        + "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
                statement.execute("ALTER ROLE " + role + " LOGIN");
                connection.unwrap(PGConnection.class).alterUserPassword(name, settings.password().toCharArray(),
                        "scram-sha-256");
                statement.execute("GRANT USAGE ON SCHEMA \"" + schema + "\" TO " + role);
                statement.execute("GRANT SELECT ON ALL TABLES IN SCHEMA \"" + schema + "\" TO " + role);
                // Tables a later migration creates (as this owner) are readable too.
                statement.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA \"" + schema + "\" GRANT SELECT ON TABLES TO " + role);
                // The cache's versions (CandleVersions): invalidations (ingestion events, DELETE
                // /v1/cache) bump them, only through the owner's function, which can only move a
                // version forward (a login that could write the tables could set one back, or have
                // one far ahead published). Revoked first: logins made by earlier releases had them.
                statement.execute("REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON candle_versions, unpublished_versions FROM "
                        + role);
                statement.execute("REVOKE USAGE ON SEQUENCE candle_version_seq FROM " + role);
                statement.execute("GRANT EXECUTE ON FUNCTION " + BUMP_FUNCTION + " TO " + role);
                // Any container publishes what Redis missed, then deletes those rows (VersionRepair).
                // A delete can only spare a repair a version Redis missed; a function deleting up
                // to a given version would allow the same, as any version can be read.
                statement.execute("GRANT DELETE ON unpublished_versions TO " + role);
            }
        }
        LOG.info("read-only database login {} is up to date", name);
        return true;
    }

    private static String identifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalStateException("not a plain lower-case SQL identifier: " + name);
        }
        return name;
    }
}
