package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * PostgreSQL's part of versions taken under the scope's lock and rows stamped with them (V3).
 *
 * <p>The one way to move a version: {@code candle_versions_bump}, a function that
 * runs with its owner's rights ({@code SECURITY DEFINER}), so that a login may bump versions
 * without being allowed to write {@code candle_versions} at all. A login that could
 * {@code UPDATE} them could set one back, and a cached value of that older version would count as
 * current again; one that could write {@code unpublished_versions} could have a version far ahead
 * published to Redis, where versions only move forward, pinning the scope. The function only
 * ever takes the next number of the sequence, under the scope's row lock.
 *
 * <p>For each distinct interval, in a fixed order (so two bumps of several scopes never wait for
 * each other in a cycle): makes the row exist, locks it, takes {@code nextval}, writes it (and,
 * when no candle row records the change, as {@code full_read_version}) and records it as
 * unpublished. The row lock is held to the caller's commit, so a second writer of the scope takes
 * its number only after the first committed: per scope, commit order is version order. The wait
 * for that lock is bounded by {@code lock_timeout} for the rest of the transaction, so that a
 * writer stuck behind another is told "busy" ({@code 55P03}) well before the driver's socket
 * timeout would call the database unreachable.
 *
 * <p>{@code candles_changed}: the rows an upload stamped, by (symbol_id, interval, version), for
 * {@code CandleStore.changedSince}. Partial ({@code version > 0}): unstamped rows (the ingestion
 * side's, and all from before V3) are never asked for by version, and a range read by time, which
 * the primary key serves in order, cannot pick it instead.
 *
 * <p>A Java migration because H2 (the local server's embedded database, one process, no logins)
 * has neither PL/pgSQL nor partial indexes: there it does nothing, {@code CandleVersions} runs
 * the function's steps as plain SQL, and the primary key's prefix serves the changed rows. Nobody
 * but the owner may run the function until {@code ReaderLogin} grants it.
 */
public final class V4__Bump_function_and_changes_index extends BaseJavaMigration {
    private static final String FUNCTION = """
            CREATE OR REPLACE FUNCTION candle_versions_bump(p_symbol VARCHAR, p_intervals VARCHAR[],
                                                            p_rows_stamped BOOLEAN, p_lock_timeout_ms INTEGER)
            RETURNS TABLE (bumped_interval VARCHAR, bumped_version BIGINT)
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = %s, pg_temp AS $$
            DECLARE
                scope VARCHAR;
                taken BIGINT;
            BEGIN
                PERFORM set_config('lock_timeout', p_lock_timeout_ms || 'ms', true);
                FOR scope IN SELECT DISTINCT i FROM unnest(p_intervals) AS i ORDER BY i LOOP
                    INSERT INTO candle_versions (symbol, "interval", version) VALUES (p_symbol, scope, 0)
                        ON CONFLICT (symbol, "interval") DO NOTHING;
                    PERFORM 1 FROM candle_versions WHERE symbol = p_symbol AND "interval" = scope FOR UPDATE;
                    taken := nextval('candle_version_seq');
                    UPDATE candle_versions
                       SET version = taken,
                           full_read_version = CASE WHEN p_rows_stamped THEN full_read_version ELSE taken END
                     WHERE symbol = p_symbol AND "interval" = scope;
                    INSERT INTO unpublished_versions (symbol, "interval", version) VALUES (p_symbol, scope, taken)
                        ON CONFLICT (symbol, "interval") DO UPDATE SET version = EXCLUDED.version;
                    bumped_interval := scope;
                    bumped_version := taken;
                    RETURN NEXT;
                END LOOP;
            END $$""";
    private static final String CHANGES_INDEX = """
            CREATE INDEX candles_changed ON candles (symbol_id, "interval", version) WHERE version > 0""";
    private static final String SIGNATURE = "candle_versions_bump(VARCHAR, VARCHAR[], BOOLEAN, INTEGER)";

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgresql")) {
            return;
        }
        // The definer's rights come with its search path fixed to this schema: a caller's own path
        // could otherwise put a table of its own in front of candle_versions.
        String schema = '"' + connection.getSchema().replace("\"", "\"\"") + '"';
        try (Statement sql = connection.createStatement()) {
            sql.execute(FUNCTION.formatted(schema));
            // PostgreSQL lets PUBLIC execute a new function; only the owner and the grantees may.
            sql.execute("REVOKE ALL ON FUNCTION " + SIGNATURE + " FROM PUBLIC");
            // Reads every candle: on a large table longer than the driver's socket timeout, which
            // is for queries of a request, not for a migration.
            int socketTimeout = connection.getNetworkTimeout();
            connection.setNetworkTimeout(Runnable::run, 0);
            try {
                sql.execute(CHANGES_INDEX);
            } finally {
                connection.setNetworkTimeout(Runnable::run, socketTimeout);
            }
        }
    }
}
