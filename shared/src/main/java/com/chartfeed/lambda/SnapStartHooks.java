package com.chartfeed.lambda;

import com.chartfeed.cache.CacheStats;
import com.chartfeed.cache.FleetStats;
import com.chartfeed.cache.L2Cache;
import com.chartfeed.cache.RecentReads;
import com.chartfeed.cache.TieredCache;
import com.chartfeed.candles.DatabaseWarmUp;
import com.chartfeed.candles.ReaderLogin;
import com.chartfeed.candles.SymbolDirectory;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.ApplicationContext;
import io.micronaut.jdbc.DataSourceResolver;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * SnapStart's checkpoint and restore hooks for one Lambda handler. Lambda runs the handler's
 * init and {@link #beforeCheckpoint} once, when a version is published, and snapshots the JVM;
 * cold starts then restore the snapshot and call {@link #afterRestore}.
 *
 * <p>Before the snapshot: migrates the schema (so migrations run once per deploy, not in every
 * container's init, where {@code FLYWAY_DATASOURCES_DEFAULT_ENABLED=false} turns them off; on a
 * read-only login, with nothing pending, that is only a check), creates or updates the read-only
 * login where this function connects as the owner ({@link ReaderLogin}), runs
 * the handler's priming requests so that the snapshot holds their classes loaded and their code
 * compiled, forgets what they cached, and closes the connections to PostgreSQL and Redis: a
 * snapshot is restored in many containers, hours later, where those sockets are dead or shared.
 * After a restore: sets the cache counters and the fleet-stats flush state back to zero (the
 * priming requests' counts are no restored container's; the fleet flush is held from the priming
 * to here, so none of them reaches the fleet totals either), then reconnects Redis and the
 * database pool in the background, as a container's start-up does, so the first request finds
 * them open or waits only for what is left.
 */
public final class SnapStartHooks implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(SnapStartHooks.class);

    private final ApplicationContext context;
    private final Runnable primer;
    private int minimumIdle = -1;

    /** {@code primer} sends the handler its representative requests; they must not need any data. */
    public SnapStartHooks(ApplicationContext context, Runnable primer) {
        this.context = context;
        this.primer = primer;
    }

    /**
     * Registers with the JVM's global CRaC context, as the Lambda runtime's own init would have
     * to. The context holds resources weakly: keep the returned hooks in a field of the handler.
     */
    public SnapStartHooks registered() {
        Core.getGlobalContext().register(this);
        return this;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> ignored) {
        DataSource dataSource = dataSource();
        Flyway.configure().dataSource(dataSource).load().migrate();
        try {
            // Only where the owner connects with database.reader.* set (CandleUploadFunction).
            context.getBean(ReaderLogin.class).ensure(dataSource);
        } catch (SQLException e) {
            // Fails the publish: the read-only functions would otherwise publish without a login.
            throw new IllegalStateException("could not create or update the read-only database login", e);
        }
        // Held until the restore: the snapshot is restored in many containers, and what priming
        // counts is none of theirs.
        context.getBean(FleetStats.class).hold();
        primer.run();
        context.getBean(TieredCache.class).clearLocally();
        context.getBean(SymbolDirectory.class).forgetAll();
        context.getBean(L2Cache.class).disconnect();
        forgetCounts();
        if (dataSource instanceof HikariDataSource pool && pool.getHikariPoolMXBean() != null) {
            // No idle minimum, or the pool would open a connection again before the snapshot.
            minimumIdle = pool.getMinimumIdle();
            pool.getHikariConfigMXBean().setMinimumIdle(0);
            pool.getHikariPoolMXBean().softEvictConnections();
        }
        LOG.info("primed and disconnected for the snapshot");
    }

    @Override
    public void afterRestore(Context<? extends Resource> ignored) {
        // Before reconnecting: the new connection is this container's own, and counts.
        forgetCounts();
        context.getBean(FleetStats.class).reset();
        context.getBean(L2Cache.class).connect();
        if (dataSource() instanceof HikariDataSource pool && minimumIdle >= 0) {
            pool.getHikariConfigMXBean().setMinimumIdle(minimumIdle);
            DatabaseWarmUp.inBackground(() -> pool);
        }
    }

    /** Counters, read counts and the last invocation from zero: the priming requests' are nobody's. */
    private void forgetCounts() {
        context.getBean(CacheStats.class).reset();
        context.getBean(RecentReads.class).reset();
        context.getBean(CurrentInvocation.class).forget();
    }

    private DataSource dataSource() {
        DataSource bean = context.getBean(DataSource.class);
        return context.findBean(DataSourceResolver.class).map(resolver -> resolver.resolve(bean)).orElse(bean);
    }
}
