package com.chartfeed.ingestion;

import com.chartfeed.api.QueryParser;
import com.chartfeed.candles.Interval;
import com.chartfeed.candles.SymbolName;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the ingestion side publishes after it has written candles (docs/api.md, "Events: candle
 * ingestion"): {@code {"symbol":"AAPL","interval":"1h","from":1700000000,"to":1700003600}}.
 *
 * <p>Only ever built validated, so nothing a publisher wrote reaches a Redis key unchecked: the
 * symbol is canonical, the interval one of ours ({@code null}: every interval of the symbol),
 * {@code from <= to}. {@code from}/{@code to} do not narrow the invalidation: a cached series is
 * computed over the whole history, so new candles anywhere change it, and a generation covers a
 * whole (symbol, interval), and so does refresh-ahead. They are kept for logs.
 */
public record CandlesIngested(String symbol, @Nullable Interval interval, @Nullable Long from, @Nullable Long to) {
    private static final String SYMBOL_RULE = "must match ^[A-Za-z0-9][A-Za-z0-9.\\-_]{0,19}$";
    private static final String INTERVALS = "1m 5m 15m 30m 1h 4h 1d 1w";

    public CandlesIngested {
        if (symbol == null || !SymbolName.canonical(symbol).equals(Optional.of(symbol))) {
            throw new IllegalArgumentException("not a canonical symbol: " + QueryParser.shown(symbol));
        }
        if ((from != null && from < 0) || (to != null && to < 0) || (from != null && to != null && from > to)) {
            throw new IllegalArgumentException("bad range " + from + ".." + to);
        }
    }

    /** The intervals whose cached values these candles change. */
    public List<Interval> intervals() {
        return interval == null ? List.of(Interval.values()) : List.of(interval);
    }

    /**
     * Validates the published object. Unknown fields are ignored, so the publisher can add some
     * without breaking this consumer.
     *
     * @throws MalformedRecordException naming every bad field, user text quoted and escaped
     */
    public static CandlesIngested fromJson(@Nullable JsonNode node) throws MalformedRecordException {
        if (node == null || !node.isObject()) {
            throw new MalformedRecordException("must be a JSON object, got " + JsonText.describe(node));
        }
        List<String> errors = new ArrayList<>();
        String symbol = symbol(node.get("symbol"), errors);
        Interval interval = interval(node.get("interval"), errors);
        Long from = epochSeconds(node, "from", errors);
        Long to = epochSeconds(node, "to", errors);
        if (from != null && to != null && from > to) {
            errors.add("from: must not be after to (" + from + " > " + to + ")");
        }
        if (!errors.isEmpty()) {
            throw new MalformedRecordException(String.join("; ", errors));
        }
        return new CandlesIngested(symbol, interval, from, to);
    }

    private static String symbol(@Nullable JsonNode value, List<String> errors) {
        if (JsonText.absent(value)) {
            errors.add("symbol: is required");
            return null;
        }
        if (!value.isString()) {
            errors.add("symbol: " + SYMBOL_RULE + ", got " + JsonText.describe(value));
            return null;
        }
        Optional<String> canonical = SymbolName.canonical(value.getStringValue());
        if (canonical.isEmpty()) {
            errors.add("symbol: " + SYMBOL_RULE + ", got " + QueryParser.shown(value.getStringValue()));
        }
        return canonical.orElse(null);
    }

    private static Interval interval(@Nullable JsonNode value, List<String> errors) {
        if (JsonText.absent(value)) {
            return null;
        }
        Optional<Interval> interval = value.isString() ? Interval.fromCode(value.getStringValue()) : Optional.empty();
        if (interval.isEmpty()) {
            errors.add("interval: must be one of " + INTERVALS + " (or absent for every interval), got "
                    + JsonText.describe(value));
        }
        return interval.orElse(null);
    }

    /** An integer JSON number of epoch seconds; a fraction, a string or a negative number is an error. */
    private static Long epochSeconds(JsonNode node, String field, List<String> errors) {
        JsonNode value = node.get(field);
        if (JsonText.absent(value)) {
            return null;
        }
        if (value.isNumber()) {
            Number number = value.getNumberValue();
            boolean integral = number instanceof Integer || number instanceof Long
                    || number instanceof Short || number instanceof Byte;
            if (integral && number.longValue() >= 0) {
                return number.longValue();
            }
            if (number instanceof BigInteger big && big.signum() >= 0 && big.bitLength() < Long.SIZE) {
                return big.longValue();
            }
        }
        errors.add(field + ": must be an integer of epoch seconds between 0 and " + Long.MAX_VALUE + ", got "
                + JsonText.describe(value));
        return null;
    }
}
