package com.chartfeed.candles;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates and normalises ticker symbols. Symbols are case-insensitive, so the canonical
 * form is upper case; only canonical symbols reach SQL and cache keys.
 */
public final class SymbolName {
    private static final Pattern VALID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9.\\-_]{0,19}$");

    private SymbolName() {
    }

    /** The canonical (upper-case) symbol, or empty when {@code raw} is not a valid symbol. */
    public static Optional<String> canonical(String raw) {
        if (raw == null || raw.length() > 20 || !VALID.matcher(raw).matches()) {
            return Optional.empty();
        }
        return Optional.of(raw.toUpperCase(Locale.ROOT));
    }
}
