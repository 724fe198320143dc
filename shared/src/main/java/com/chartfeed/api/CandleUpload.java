package com.chartfeed.api;

import com.chartfeed.api.JsonBodies;
import com.chartfeed.problems.Problem;
import com.chartfeed.problems.ProblemException;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.candles.Interval;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Reads the body of {@code PUT /v1/candles/{symbol}/{interval}} (JSON columns or CSV) into
 * validated candles, or a {@code 400} naming the bad fields. Rejects anything a chart could not
 * draw, or an indicator could not compute a finite value from: prices outside
 * [{@link #MIN_PRICE}, {@link #MAX_PRICE}], volumes outside [0, {@link #MAX_VOLUME}], a high below
 * the low, times off the interval's grid or out of order.
 */
@Singleton
public final class CandleUpload {
    /** Most candles one request may carry; larger histories are sent in several requests. */
    public static final int MAX_CANDLES = 100_000;
    static final double MAX_PRICE = 1e12;
    static final double MAX_VOLUME = 1e15;
    static final long MAX_TIME = 253_402_300_799L; // 9999-12-31T23:59:59Z
    /**
     * The smallest price: the kernels divide by prices (ROC by an earlier price, NATR by the close),
     * and between this and {@link #MAX_PRICE} the largest quotient, 1e20, stays far from overflow,
     * so every indicator value is finite. A satoshi, the smallest step of any quoted asset we know.
     */
    static final double MIN_PRICE = 1e-8;
    private static final String CSV_HEADER = "time,open,high,low,close,volume";
    private static final List<String> HEADER = List.of(CSV_HEADER.split(","));
    private static final CsvFactory CSV = CsvFactory.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();
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

    /**
     * The body as candles: the JSON column form when the media type is JSON ({@code application/json}
     * or {@code +json}, in any case and with any parameters), else CSV.
     */
    public CandleColumns read(@Nullable String contentType, byte[] body, String symbol, Interval interval) {
        return isJson(contentType) ? fromJson(body, symbol, interval) : fromCsv(body, interval);
    }

    static boolean isJson(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    /**
     * CSV with the header {@code time,open,high,low,close,volume}, as spreadsheets write it:
     * quoted fields, a UTF-8 byte order mark, CRLF line ends and blank lines are all fine (Jackson's
     * CSV parser). Errors name the line a record starts on.
     */
    public CandleColumns fromCsv(byte[] body, Interval interval) {
        String[] names = {"open", "high", "low", "close", "volume"};
        List<Problem.FieldError> errors = new ArrayList<>();
        int capacity = 1_024;
        long[] t = new long[capacity];
        double[][] values = new double[5][capacity];
        int[] lineOfRow = new int[capacity];
        int rows = 0;
        boolean header = true;
        List<String> fields = new ArrayList<>(6);
        int line = 0;
        try (CsvParser csv = CSV.createParser(body)) {
            for (JsonToken token = csv.nextToken(); token != null && errors.size() < MAX_REPORTED;
                 token = csv.nextToken()) {
                if (token == JsonToken.START_ARRAY) {
                    fields.clear();
                    continue;
                }
                if (token != JsonToken.END_ARRAY) {
                    if (fields.isEmpty()) {
                        // The first value's, not the array's: that one is where the previous record ended.
                        line = csv.currentTokenLocation().getLineNr();
                    }
                    fields.add(csv.getText().strip());
                    continue;
                }
                if (fields.size() == 1 && fields.get(0).isEmpty()) {
                    continue; // a blank line
                }
                if (header) {
                    if (!HEADER.equals(fields.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList())) {
                        throw ProblemException.badRequest("body", "CSV must start with the header line " + CSV_HEADER);
                    }
                    header = false;
                    continue;
                }
                if (rows == MAX_CANDLES) {
                    throw ProblemException.badRequest("body", "at most " + MAX_CANDLES + " candles per request");
                }
                if (rows == capacity) {
                    capacity = Math.min(MAX_CANDLES, capacity * 2);
                    t = Arrays.copyOf(t, capacity);
                    for (int f = 0; f < 5; f++) {
                        values[f] = Arrays.copyOf(values[f], capacity);
                    }
                    lineOfRow = Arrays.copyOf(lineOfRow, capacity);
                }
                lineOfRow[rows] = line;
                if (fields.size() != 6) {
                    errors.add(new Problem.FieldError("line " + line, "must have 6 fields, has " + fields.size()));
                    rows++;
                    continue;
                }
                try {
                    t[rows] = Long.parseLong(fields.get(0));
                } catch (NumberFormatException e) {
                    errors.add(new Problem.FieldError("time (line " + line + ")", "must be epoch seconds"));
                }
                for (int f = 0; f < 5; f++) {
                    try {
                        values[f][rows] = Double.parseDouble(fields.get(f + 1));
                    } catch (NumberFormatException e) {
                        errors.add(new Problem.FieldError(names[f] + " (line " + line + ")", "must be a number"));
                    }
                }
                rows++;
            }
        } catch (IOException e) {
            // The record being read, else where the parser stopped (an unclosed quote runs to the end).
            int at = !fields.isEmpty() || !(e instanceof JsonProcessingException p) || p.getLocation() == null
                    ? line : p.getLocation().getLineNr();
            throw ProblemException.badRequest("body", "is not valid CSV (line " + at + "): an unclosed quote, "
                    + "or text after a closing quote");
        }
        if (header) {
            throw ProblemException.badRequest("body", "CSV must start with the header line " + CSV_HEADER);
        }
        throwIfAny(errors);
        int[] lines = lineOfRow;
        CandleColumns candles = new CandleColumns(Arrays.copyOf(t, rows), Arrays.copyOf(values[0], rows),
                Arrays.copyOf(values[1], rows), Arrays.copyOf(values[2], rows), Arrays.copyOf(values[3], rows),
                Arrays.copyOf(values[4], rows));
        validate(candles, interval, r -> {
            String at = " (line " + lines[r] + ")";
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
                if (!(prices[p] >= MIN_PRICE && prices[p] <= MAX_PRICE)) { // NaN fails both
                    errors.add(new Problem.FieldError(field[p + 1], "must be a price between " + MIN_PRICE + " and "
                            + MAX_PRICE));
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
