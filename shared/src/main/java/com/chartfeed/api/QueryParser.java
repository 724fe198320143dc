package com.chartfeed.api;

import com.chartfeed.problems.Problem;
import com.chartfeed.problems.ProblemException;
import com.chartfeed.cache.CacheKey;
import com.chartfeed.candles.Interval;
import com.chartfeed.candles.SymbolName;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorType;
import com.chartfeed.indicators.ParamSpec;
import com.chartfeed.indicators.PriceSource;
import com.chartfeed.indicators.Window;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the raw strings of a request (path parts, query parameters, batch item fields) into
 * validated values, or a {@code 400} naming every bad field. Nothing unvalidated gets past it:
 * cache keys and SQL are built only from its output.
 */
public final class QueryParser {
    private static final Set<String> WINDOW_FIELDS = Set.of("interval", "limit", "from", "to");
    private static final int MAX_SHOWN_LENGTH = 40;

    private QueryParser() {
    }

    /** Whether a query parameter selects the window or interval rather than an indicator parameter. */
    public static boolean isWindowField(String name) {
        return WINDOW_FIELDS.contains(name) || name.startsWith("_");
    }

    /**
     * The one parse of an indicator request, for the single route and each batch item alike: each
     * part checked once, in this order, by the methods that follow; the first bad part answers.
     *
     * @param params the study's parameters by name, or null when they came as something other than
     *               names and values (a batch item's {@code "params": [20]})
     * @param window {@code limit}, {@code from} and {@code to}; other names are not looked at
     */
    public static IndicatorRequest request(String symbol, String indicator, String interval,
                                           @Nullable Map<String, String> params, Map<String, String> window) {
        String canonical = symbol(symbol);
        IndicatorType type = indicator(indicator);
        Interval parsedInterval = interval(interval);
        if (params == null) {
            throw ProblemException.badRequest("params", "must be an object");
        }
        IndicatorParams parsedParams = params(type, params);
        return new IndicatorRequest(canonical, parsedInterval, parsedParams, window(window),
                CacheKey.series(canonical, parsedInterval, parsedParams));
    }

    /** The canonical symbol; {@code 400} if it can't be a symbol at all. */
    public static String symbol(String raw) {
        return SymbolName.canonical(raw).orElseThrow(() -> ProblemException.badRequest("symbol",
                "must match " + SymbolName.PATTERN + ", got " + shown(raw)));
    }

    public static Interval interval(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw ProblemException.badRequest("interval", "is required: one of 1m 5m 15m 30m 1h 4h 1d 1w");
        }
        return Interval.fromCode(raw).orElseThrow(() -> ProblemException.badRequest("interval",
                "must be one of 1m 5m 15m 30m 1h 4h 1d 1w, got " + shown(raw)));
    }

    /** The indicator; {@code 404} if there is no such indicator. */
    public static IndicatorType indicator(String raw) {
        return IndicatorType.fromCode(raw == null ? "" : raw.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> ProblemException.notFound("indicator", "no indicator named " + shown(raw)));
    }

    /** {@code limit}, {@code from}, {@code to}. */
    public static Window window(Map<String, String> query) {
        List<Problem.FieldError> errors = new ArrayList<>();
        long limit = longValue(query, "limit", Window.DEFAULT_LIMIT, 1, Window.MAX_LIMIT, errors);
        long from = longValue(query, "from", Long.MIN_VALUE, 0, Long.MAX_VALUE, errors);
        long to = longValue(query, "to", Long.MAX_VALUE, 0, Long.MAX_VALUE, errors);
        if (errors.isEmpty() && from > to) {
            errors.add(new Problem.FieldError("from", "must not be after to"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        return new Window((int) limit, from, to);
    }

    /**
     * The indicator's parameters with defaults filled in. Unknown names are rejected, so a typo
     * ({@code peroid=50}) does not silently answer with the default; names starting with
     * {@code _} (cache busters) are ignored.
     */
    public static IndicatorParams params(IndicatorType type, Map<String, String> query) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<ParamSpec> specs = type.params();
        double[] values = new double[specs.size()];
        for (int i = 0; i < specs.size(); i++) {
            ParamSpec spec = specs.get(i);
            values[i] = number(query.get(spec.name()), spec, errors);
        }
        PriceSource source = null;
        if (type.usesSource()) {
            String raw = query.get("source");
            source = raw == null ? PriceSource.CLOSE : PriceSource.fromCode(raw).orElse(null);
            if (source == null) {
                errors.add(new Problem.FieldError("source",
                        "must be one of open high low close hl2 hlc3 ohlc4, got " + shown(raw)));
            }
        }
        for (String name : query.keySet()) {
            boolean known = WINDOW_FIELDS.contains(name) || name.startsWith("_")
                    || (name.equals("source") && type.usesSource())
                    || isParameter(specs, name);
            if (!known) {
                errors.add(new Problem.FieldError(plain(name), "is not a parameter of " + type.code()
                        + (specs.isEmpty() ? "" : " (parameters: " + String.join(", ",
                        specs.stream().map(ParamSpec::name).toList()) + ")")));
            }
        }
        if (errors.isEmpty()) {
            type.check(values).ifPresent(rule -> errors.add(new Problem.FieldError(rule.field(), rule.detail())));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        return new IndicatorParams(type, values, source);
    }

    private static boolean isParameter(List<ParamSpec> specs, String name) {
        for (ParamSpec spec : specs) {
            if (spec.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static double number(String raw, ParamSpec spec, List<Problem.FieldError> errors) {
        if (raw == null) {
            return spec.defaultValue();
        }
        List<String> choices = spec.type().choices();
        if (!choices.isEmpty()) {
            int index = choices.indexOf(raw.toLowerCase(Locale.ROOT));
            if (index < 0) {
                errors.add(new Problem.FieldError(spec.name(), "must be one of "
                        + String.join(" ", choices) + ", got " + shown(raw)));
                return spec.defaultValue();
            }
            return index;
        }
        double value;
        try {
            value = spec.integer() ? Long.parseLong(raw) : Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            errors.add(new Problem.FieldError(spec.name(), "must be " + (spec.integer() ? "an integer " : "a number ")
                    + bounds(spec) + ", got " + shown(raw)));
            return spec.defaultValue();
        }
        if (!(value >= spec.min() && value <= spec.max())) {
            errors.add(new Problem.FieldError(spec.name(), "must be " + bounds(spec) + ", got " + shown(raw)));
            return spec.defaultValue();
        }
        return value;
    }

    private static String bounds(ParamSpec spec) {
        return "between " + format(spec.min(), spec.integer()) + " and " + format(spec.max(), spec.integer());
    }

    private static long longValue(Map<String, String> query, String name, long defaultValue, long min, long max,
                                  List<Problem.FieldError> errors) {
        String raw = query.get(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the bounds
        }
        errors.add(new Problem.FieldError(name, "must be an integer between " + min + " and " + max
                + ", got " + shown(raw)));
        return defaultValue;
    }

    private static String format(double value, boolean integer) {
        return integer ? Long.toString((long) value) : Double.toString(value);
    }

    /** User text fit for an error message, unquoted. */
    static String plain(String raw) {
        String quoted = shown(raw);
        return quoted.substring(1, quoted.length() - 1);
    }

    /** Quotes user text for an error message or a log line: bounded, control characters escaped. */
    public static String shown(String raw) {
        if (raw == null) {
            return "nothing";
        }
        String cut = raw.length() > MAX_SHOWN_LENGTH ? raw.substring(0, MAX_SHOWN_LENGTH) + "..." : raw;
        StringBuilder out = new StringBuilder("\"");
        cut.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append('"').toString();
    }
}
