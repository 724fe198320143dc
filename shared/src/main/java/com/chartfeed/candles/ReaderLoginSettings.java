package com.chartfeed.candles;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The read-only database login of the deployed read paths (prefix {@code database.reader}). Set
 * only on the function that connects as the owner, whose SnapStart hook creates or updates it
 * ({@link ReaderLogin}); unset everywhere else, where nothing happens.
 *
 * @param username the login's name (lower case letters, digits, {@code _}); blank = none
 * @param password its password
 */
@ConfigurationProperties("database.reader")
public record ReaderLoginSettings(@Nullable String username, @Nullable String password) {
    boolean configured() {
        return username != null && !username.isBlank();
    }
}
