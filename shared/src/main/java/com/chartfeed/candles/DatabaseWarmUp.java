package com.chartfeed.candles;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.function.Supplier;

/**
 * Creates the database pool and opens its first connection when the container starts, on a thread
 * of its own, so that the handler's start-up overlaps it and the first request finds the
 * connection open (or waits only for what is left of it). SnapStart's restore hook does the same.
 */
@Singleton
public final class DatabaseWarmUp implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseWarmUp.class);

    private final BeanProvider<DataSource> dataSource;

    public DatabaseWarmUp(BeanProvider<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        inBackground(dataSource::get);
    }

    /**
     * Gets {@code dataSource} and one connection from it on a daemon thread. A database that is
     * down is for the requests to report (503), not for the start-up: failures are only logged.
     */
    public static void inBackground(Supplier<DataSource> dataSource) {
        Thread thread = new Thread(() -> {
            try (Connection ignored = dataSource.get().getConnection()) {
                LOG.debug("database connection opened");
            } catch (Exception e) {
                LOG.debug("no database connection at start-up: {}", e.toString());
            }
        }, "database-warm-up");
        thread.setDaemon(true);
        thread.start();
    }
}
