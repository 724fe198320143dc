package com.chartfeed.candles;

import java.util.Locale;
import java.util.Optional;

/**
 * Validates and normalises ticker symbols. Symbols are case-insensitive, so the canonical
 * form is upper case; only canonical symbols reach SQL and cache keys.
 */
public final class SymbolName {
    /** What {@link #canonical} accepts, for error messages. */
    public static final String PATTERN = "^[A-Za-z0-9][A-Za-z0-9.\\-_]{0,19}$";
    private static final int MAX_LENGTH = 20;

    private SymbolName() {
    }

    /** The canonical (upper-case) symbol, or empty when {@code raw} is not a valid symbol. */
    public static Optional<String> canonical(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > MAX_LENGTH || !isAsciiLetterOrDigit(raw.charAt(0))) {
            return Optional.empty();
        }
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (!isAsciiLetterOrDigit(c) && c != '.' && c != '-' && c != '_') {
                return Optional.empty();
            }
        }
        return Optional.of(raw.toUpperCase(Locale.ROOT));
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}
