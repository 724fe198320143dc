package com.chartfeed.candles;

import com.chartfeed.api.JsonBodies;
import com.chartfeed.api.Problem;
import com.chartfeed.api.ProblemException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Reads the body of {@code PUT /v1/candles/{symbol}/{interval}} (JSON columns or CSV) into
 * validated candles, or a {@code 400} naming the bad fields. Rejects anything a chart could not
 * draw: non-finite or absurd numbers, a high below the low, times off the interval's grid or out
 * of order.
 */
@Singleton
public final class CandleUpload {
    /** Most candles one request may carry; larger histories are sent in several requests. */
    public static final int MAX_CANDLES = 100_000;
    static final double MAX_PRICE = 1e12;
    static final double MAX_VOLUME = 1e15;
    static final long MAX_TIME = 253_402_300_799L; // 9999-12-31T23:59:59Z
    private static final String CSV_HEADER = "time,open,high,low,close,volume";
    private static final int MAX_REPORTED = 20;

    private final JsonMapper json;

    public CandleUpload(JsonMapper json) {
        this.json = json;
    }

    /**
     * The JSON column form of {@code GET /v1/candles}. Times are read as numbers and checked to be
     * whole, because a lenient integer parse would silently truncate {@code 1700000000.5}.
     */
    @Serdeable
    public record JsonBody(String symbol, String interval, double[] t, double[] o, double[] h, double[] l, double[] c,
                           double[] v) {
    }

    public CandleColumns fromJson(byte[] body, String symbol, Interval interval) {
        JsonBody parsed;
        try {
            if (!JsonBodies.isSingleValue(body)) {
                throw new IOException("not one JSON value");
            }
            parsed = json.readValue(body, Argument.of(JsonBody.class));
        } catch (IOException | RuntimeException e) {
            throw ProblemException.badRequest("body", "is not the JSON column form {\"t\":[..],\"o\":[..],"
                    + "\"h\":[..],\"l\":[..],\"c\":[..],\"v\":[..]} with integer times and numeric prices");
        }
        if (parsed == null) {
            throw ProblemException.badRequest("body", "is empty");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (parsed.symbol() != null && !parsed.symbol().toUpperCase(Locale.ROOT).equals(symbol)) {
            errors.add(new Problem.FieldError("symbol", "differs from the symbol in the path"));
        }
        if (parsed.interval() != null && !parsed.interval().equals(interval.code())) {
            errors.add(new Problem.FieldError("interval", "differs from the interval in the path"));
        }
        Object[] columns = {parsed.t(), parsed.o(), parsed.h(), parsed.l(), parsed.c(), parsed.v()};
        String[] names = {"t", "o", "h", "l", "c", "v"};
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] == null) {
                errors.add(new Problem.FieldError(names[i], "is required"));
            }
        }
        if (errors.isEmpty()) {
            int n = parsed.t().length;
            for (int i = 1; i < columns.length; i++) {
                if (java.lang.reflect.Array.getLength(columns[i]) != n) {
                    errors.add(new Problem.FieldError(names[i], "must have as many values as t (" + n + ")"));
                }
            }
        }
        long[] times = new long[parsed.t().length];
        for (int i = 0; i < times.length && errors.size() < MAX_REPORTED; i++) {
            double t = parsed.t()[i];
            if (t != Math.rint(t) || Math.abs(t) > MAX_TIME) {
                errors.add(new Problem.FieldError("t[" + i + "]", "must be whole epoch seconds between 0 and "
                        + MAX_TIME));
            }
            times[i] = (long) t;
        }
        throwIfAny(errors);
        CandleColumns candles = new CandleColumns(times, parsed.o(), parsed.h(), parsed.l(), parsed.c(),
                parsed.v());
        validate(candles, interval, (row) -> new String[] {"t[" + row + "]", "o[" + row + "]", "h[" + row + "]",
                "l[" + row + "]", "c[" + row + "]", "v[" + row + "]"});
        return candles;
    }

    /** CSV with the header {@code time,open,high,low,close,volume}. */
    public CandleColumns fromCsv(byte[] body, Interval interval) {
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\r?\n", -1);
        if (lines.length == 0 || !lines[0].strip().toLowerCase(Locale.ROOT).replace(" ", "").equals(CSV_HEADER)) {
            throw ProblemException.badRequest("body", "CSV must start with the header line " + CSV_HEADER);
        }
        int rows = 0;
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                rows++;
            }
        }
        if (rows > MAX_CANDLES) {
            throw ProblemException.badRequest("body", "at most " + MAX_CANDLES + " candles per request, got " + rows);
        }
        long[] t = new long[rows];
        double[][] values = new double[5][rows];
        int[] lineOfRow = new int[rows];
        String[] names = {"open", "high", "low", "close", "volume"};
        List<Problem.FieldError> errors = new ArrayList<>();
        int row = 0;
        for (int i = 1; i < lines.length && errors.size() < MAX_REPORTED; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            int lineNumber = i + 1;
            String[] fields = lines[i].split(",", -1);
            if (fields.length != 6) {
                errors.add(new Problem.FieldError("line " + lineNumber, "must have 6 fields, has " + fields.length));
                row++;
                continue;
            }
            try {
                t[row] = Long.parseLong(fields[0].strip());
            } catch (NumberFormatException e) {
                errors.add(new Problem.FieldError("time (line " + lineNumber + ")", "must be epoch seconds"));
            }
            for (int f = 0; f < 5; f++) {
                try {
                    values[f][row] = Double.parseDouble(fields[f + 1].strip());
                } catch (NumberFormatException e) {
                    errors.add(new Problem.FieldError(names[f] + " (line " + lineNumber + ")", "must be a number"));
                }
            }
            lineOfRow[row] = lineNumber;
            row++;
        }
        throwIfAny(errors);
        CandleColumns candles = new CandleColumns(t, values[0], values[1], values[2], values[3], values[4]);
        validate(candles, interval, r -> {
            String at = " (line " + lineOfRow[r] + ")";
            return new String[] {"time" + at, "open" + at, "high" + at, "low" + at, "close" + at, "volume" + at};
        });
        return candles;
    }

    private static void validate(CandleColumns candles, Interval interval, IntFunction<String[]> fieldNames) {
        if (candles.size() == 0) {
            throw ProblemException.badRequest("body", "holds no candles");
        }
        if (candles.size() > MAX_CANDLES) {
            throw ProblemException.badRequest("body", "at most " + MAX_CANDLES + " candles per request, got "
                    + candles.size());
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < candles.size() && errors.size() < MAX_REPORTED; i++) {
            String[] field = fieldNames.apply(i);
            long t = candles.t()[i];
            double o = candles.o()[i];
            double h = candles.h()[i];
            double l = candles.l()[i];
            double c = candles.c()[i];
            double v = candles.v()[i];
            if (t < 0 || t > MAX_TIME) {
                errors.add(new Problem.FieldError(field[0], "must be epoch seconds between 0 and " + MAX_TIME));
            } else if (!interval.isAligned(t)) {
                errors.add(new Problem.FieldError(field[0], "is not the open time of a " + interval.code() + " candle"));
            } else if (i > 0 && t <= candles.t()[i - 1]) {
                errors.add(new Problem.FieldError(field[0], "must be after the previous candle's time"));
            }
            double[] prices = {o, h, l, c};
            boolean pricesValid = true;
            for (int p = 0; p < 4; p++) {
                if (!Double.isFinite(prices[p]) || Math.abs(prices[p]) > MAX_PRICE) {
                    errors.add(new Problem.FieldError(field[p + 1], "must be a finite price of at most " + MAX_PRICE));
                    pricesValid = false;
                }
            }
            if (!Double.isFinite(v) || v < 0 || v > MAX_VOLUME) {
                errors.add(new Problem.FieldError(field[5], "must be a volume between 0 and " + MAX_VOLUME));
            }
            if (pricesValid && (h < l || h < Math.max(o, c) || l > Math.min(o, c))) {
                errors.add(new Problem.FieldError(field[2], "high must be at least open, close and low, "
                        + "and low at most open and close"));
            }
        }
        throwIfAny(errors);
    }

    private static void throwIfAny(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
    }
}
