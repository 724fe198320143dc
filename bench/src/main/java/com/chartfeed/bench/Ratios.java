package com.chartfeed.bench;

import com.chartfeed.indicators.IndicatorType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns a JMH JSON result file ({@code -rf json}) into Markdown tables: ours vs TA-Lib vs ta4j
 * per indicator and size, the codec vs JSON, and every other benchmark as measured. Ratios are
 * always ours over theirs, from one run, which is how docs/benchmarks.md asks for them to be reported.
 *
 * <pre>java -cp bench/target/benchmarks.jar com.chartfeed.bench.Ratios bench/results.json</pre>
 */
public final class Ratios {
    private static final String KERNELS = KernelBenchmark.class.getSimpleName();
    private static final String CODEC = CodecBenchmark.class.getSimpleName();
    private static final String STUDIES = StudyBenchmark.class.getSimpleName();

    /** One benchmark result: its class, method and params, and its time per operation. */
    private record Result(String type, String method, Map<String, String> params, double nanosPerOp, String raw) {
    }

    private Ratios() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp benchmarks.jar com.chartfeed.bench.Ratios results.json");
            System.exit(2);
        }
        List<Result> results = read(new File(args[0]));
        StringBuilder out = new StringBuilder();
        kernels(results, out);
        studies(results, out);
        codec(results, out);
        others(results, out);
        System.out.print(out);
    }

    static List<Result> read(File file) throws IOException {
        List<Result> results = new ArrayList<>();
        for (JsonNode run : new ObjectMapper().readTree(file)) {
            String name = run.path("benchmark").asText();
            int dot = name.lastIndexOf('.');
            String type = name.substring(name.lastIndexOf('.', dot - 1) + 1, dot);
            Map<String, String> params = new TreeMap<>();
            run.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            JsonNode metric = run.path("primaryMetric");
            double score = metric.path("score").asDouble();
            String unit = metric.path("scoreUnit").asText();
            double error = metric.path("scoreError").asDouble(Double.NaN);
            // JMH gives no error for a single iteration (a smoke run): show the score alone.
            String raw = Double.isNaN(error) ? String.format(Locale.ROOT, "%.4g %s", score, unit)
                    : String.format(Locale.ROOT, "%.4g ± %.2g %s", score, error, unit);
            results.add(new Result(type, name.substring(dot + 1), params, nanosPerOp(score, unit), raw));
        }
        return results;
    }

    /** JMH reports time per op ({@code us/op}) or, in throughput mode, ops per time ({@code ops/us}). */
    static double nanosPerOp(double score, String unit) {
        String[] parts = unit.split("/");
        if (parts.length != 2) {
            return Double.NaN;
        }
        if (parts[0].equals("ops")) {
            return nanos(parts[1]) / score;
        }
        return score * nanos(parts[0]);
    }

    private static double nanos(String unit) {
        return switch (unit) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "min" -> 60e9;
            default -> Double.NaN;
        };
    }

    private static void kernels(List<Result> results, StringBuilder out) {
        // indicator -> candles -> method -> ns/op; TreeMaps keep sizes ascending.
        Map<String, Map<Integer, Map<String, Double>>> table = new HashMap<>();
        for (Result r : results) {
            if (r.type().equals(KERNELS)) {
                table.computeIfAbsent(r.params().get("indicator"), k -> new TreeMap<>())
                        .computeIfAbsent(Integer.parseInt(r.params().get("candles")), k -> new HashMap<>())
                        .put(r.method(), r.nanosPerOp());
            }
        }
        if (table.isEmpty()) {
            return;
        }
        out.append("## Kernels: ours vs TA-Lib vs ta4j (µs per whole series)\n\n")
                .append("| indicator | candles | ours | TA-Lib | ta4j | ours/TA-Lib | ours/ta4j |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (IndicatorType type : IndicatorType.values()) {
            Map<Integer, Map<String, Double>> sizes = table.get(type.code());
            if (sizes == null) {
                continue;
            }
            sizes.forEach((candles, by) -> {
                Double ours = by.get("ours");
                Double taLib = by.get("taLib");
                Double ta4j = by.get("ta4j");
                out.append("| ").append(type.code()).append(" | ").append(String.format(Locale.ROOT, "%,d", candles))
                        .append(" | ").append(micros(ours)).append(" | ").append(micros(taLib))
                        .append(" | ").append(micros(ta4j)).append(" | ").append(ratio(ours, taLib))
                        .append(" | ").append(ratio(ours, ta4j)).append(" |\n");
            });
        }
        out.append("\nRatios are times, ours over theirs: below 1 means ours is faster. "
                + "A dash is a benchmark not in the file: ta4j 0.17 has no trima, natr or mom, is not run for "
                + "the window studies aroon aroonosc midpoint midprice stochf stochrsi, and its stoch and willr "
                + "(quadratic in the length) are refused above " + String.format(Locale.ROOT, "%,d",
                KernelBenchmark.Ta4jInputs.QUADRATIC_LIMIT) + " candles.\n\n");
    }

    private static void studies(List<Result> results, StringBuilder out) {
        // study -> method -> ns/op, in catalogue order
        Map<String, Map<String, Double>> table = new HashMap<>();
        for (Result r : results) {
            if (r.type().equals(STUDIES)) {
                table.computeIfAbsent(r.params().get("study"), k -> new HashMap<>()).put(r.method(), r.nanosPerOp());
            }
        }
        if (table.isEmpty()) {
            return;
        }
        out.append("## Studies that run on TA-Lib: the service's call vs TA-Lib's own (µs per whole series)\n\n")
                .append("| study | candles | ours | TA-Lib, fresh output | ours/TA-Lib |\n")
                .append("|---|---:|---:|---:|---:|\n");
        List<Double> ratios = new ArrayList<>();
        for (IndicatorType type : IndicatorType.values()) {
            Map<String, Double> by = table.get(type.code());
            if (by == null) {
                continue;
            }
            Double ours = by.get("ours");
            Double taLib = by.get("taLibFreshOutput");
            if (ours != null && taLib != null) {
                ratios.add(ours / taLib);
            }
            out.append("| ").append(type.code()).append(" | ").append(results.stream()
                            .filter(r -> r.type().equals(STUDIES)).findFirst().orElseThrow().params().get("candles"))
                    .append(" | ").append(micros(ours)).append(" | ").append(micros(taLib))
                    .append(" | ").append(ratio(ours, taLib)).append(" |\n");
        }
        ratios.sort(null);
        if (!ratios.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%nours/TA-Lib over %d studies: median %.2f, max %.2f.%n%n",
                    ratios.size(), ratios.get(ratios.size() / 2), ratios.get(ratios.size() - 1)));
        }
    }

    private static void codec(List<Result> results, StringBuilder out) {
        Map<String, Double> times = new HashMap<>();
        for (Result r : results) {
            if (r.type().equals(CODEC)) {
                times.put(r.method(), r.nanosPerOp());
            }
        }
        if (times.isEmpty()) {
            return;
        }
        long[] sizes = CodecData.sizes();
        out.append("## L2 codec: ColumnCodec vs JSON (Jackson), ").append(String.format(Locale.ROOT, "%,d", CodecData.POINTS))
                .append(" points (µs per op)\n\n")
                .append("| data | encode codec | encode JSON | codec/JSON | decode codec | decode JSON | codec/JSON "
                        + "| bytes codec | bytes JSON | codec/JSON |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        String[] data = {"series", "candles"};
        for (int i = 0; i < data.length; i++) {
            String d = data[i];
            Double encodeCodec = times.get(d + "EncodeCodec");
            Double encodeJson = times.get(d + "EncodeJson");
            Double decodeCodec = times.get(d + "DecodeCodec");
            Double decodeJson = times.get(d + "DecodeJson");
            long codecBytes = sizes[2 * i];
            long jsonBytes = sizes[2 * i + 1];
            out.append("| ").append(d).append(" | ").append(micros(encodeCodec)).append(" | ").append(micros(encodeJson))
                    .append(" | ").append(ratio(encodeCodec, encodeJson)).append(" | ").append(micros(decodeCodec))
                    .append(" | ").append(micros(decodeJson)).append(" | ").append(ratio(decodeCodec, decodeJson))
                    .append(" | ").append(String.format(Locale.ROOT, "%,d | %,d", codecBytes, jsonBytes))
                    .append(" | ").append(ratio((double) codecBytes, (double) jsonBytes)).append(" |\n");
        }
        out.append('\n');
    }

    private static void others(List<Result> results, StringBuilder out) {
        TreeSet<String> lines = new TreeSet<>();
        for (Result r : results) {
            if (!r.type().equals(KERNELS) && !r.type().equals(CODEC)) {
                lines.add("| " + r.type() + "." + r.method() + " | " + (r.params().isEmpty() ? "–" : r.params())
                        + " | " + r.raw() + " |");
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        out.append("## Other benchmarks\n\n| benchmark | params | score |\n|---|---|---:|\n");
        lines.forEach(line -> out.append(line).append('\n'));
        out.append('\n');
    }

    private static String micros(Double nanos) {
        if (nanos == null || nanos.isNaN()) {
            return "–";
        }
        double micros = nanos / 1e3;
        return micros >= 100 ? String.format(Locale.ROOT, "%,.0f", micros) : String.format(Locale.ROOT, "%.3g", micros);
    }

    private static String ratio(Double ours, Double theirs) {
        if (ours == null || theirs == null || ours.isNaN() || theirs.isNaN() || theirs == 0) {
            return "–";
        }
        double ratio = ours / theirs;
        // Two decimals would show ta4j's slowest cases as 0.00.
        return String.format(Locale.ROOT, ratio >= 0.1 ? "%.2f" : "%.2g", ratio);
    }
}
