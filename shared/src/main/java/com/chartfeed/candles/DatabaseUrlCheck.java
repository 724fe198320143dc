package com.chartfeed.candles;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails closed: an application context without {@code datasources.default.url} does not start.
 * Created with the context ({@link Context}), first of its eager beans ({@link Order}: before the
 * routes' controllers pull in the data source, whose own failure, "No URL specified", comes buried
 * in a bean path), so a Lambda function deployed without {@code DATASOURCES_DEFAULT_URL} fails its
 * init with one clear log line, instead of starting on whatever database the classpath happens to
 * offer and answering {@code 200} with data that is not the candles'. Only the local server has an
 * embedded default, in its own configuration.
 */
@Context
@Order(Ordered.HIGHEST_PRECEDENCE)
final class DatabaseUrlCheck {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUrlCheck.class);
    static final String MESSAGE = "datasources.default.url is not set: refusing to start without a database "
            + "(set DATASOURCES_DEFAULT_URL to the PostgreSQL JDBC URL; only the local server has an embedded one)";

    DatabaseUrlCheck(@Property(name = "datasources.default.url") @Nullable String url) {
        if (url == null || url.isBlank()) {
            LOG.error(MESSAGE);
            throw new IllegalStateException(MESSAGE);
        }
    }
}
