package com.chartfeed.bench;

import com.chartfeed.candles.CandleColumns;
import com.chartfeed.indicators.IndicatorParams;
import com.chartfeed.indicators.IndicatorSeries;
import com.chartfeed.indicators.IndicatorType;
import com.chartfeed.indicators.ParamSpec;
import com.chartfeed.indicators.PriceSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Not a JMH benchmark: the cost bound of issue 10 checked for every study. For each one, the
 * worst parameters the catalogue allows (every integer at its maximum, every moving-average kind
 * tried, MACD-like rules respected) computed over 100,000 candles of three shapes: a random walk,
 * a steady rise and a steady fall (a window's extreme then leaves it at every step, the worst case
 * of TA-Lib's and our window scans). Prints the slowest shape's median of {@code runs} timed
 * computations after {@code warmups} untimed ones, i.e. the kernel part of a cold cache miss with
 * a warm JVM, and exits non-zero if any study is over the budget.
 *
 * <pre>java -cp bench/target/benchmarks.jar com.chartfeed.bench.CostBound [candles] [budgetMs] [runs] [study,study...]</pre>
 */
public final class CostBound {
    private CostBound() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        double budgetMs = args.length > 1 ? Double.parseDouble(args[1]) : 250;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<String> only = args.length > 3 ? List.of(args[3].split(",")) : List.of();
        List<CandleColumns> shapes = List.of(Inputs.candles(n), trend(n, 1.0001), trend(n, 0.9999));
        List<String> over = new ArrayList<>();
        double slowestMs = 0;
        System.out.printf(Locale.ROOT, "| study | worst allowed params | ms (slowest of walk, rise, fall; median of %d) |%n", runs);
        System.out.println("|---|---|---:|");
        for (IndicatorType type : IndicatorType.values()) {
            if (!only.isEmpty() && !only.contains(type.code())) {
                continue;
            }
            double worstMs = 0;
            IndicatorParams worst = null;
            for (IndicatorParams params : worstParams(type)) {
                for (CandleColumns candles : shapes) {
                    double ms = medianMs(candles, params, runs);
                    if (ms > worstMs) {
                        worstMs = ms;
                        worst = params;
                    }
                }
            }
            slowestMs = Math.max(slowestMs, worstMs);
            System.out.printf(Locale.ROOT, "| `%s` | %s | %.1f |%n", type.code(), worst.canonical(), worstMs);
            if (worstMs > budgetMs) {
                over.add(type.code());
            }
        }
        System.out.printf(Locale.ROOT, "%d studies, %d candles; slowest %.1f ms; over %.0f ms: %s%n",
                IndicatorType.values().size(), n, slowestMs, budgetMs, over);
        if (!over.isEmpty()) {
            System.exit(1);
        }
    }

    /** Integers at their maximum; one set per moving-average kind when the study takes one. */
    static List<IndicatorParams> worstParams(IndicatorType type) {
        List<ParamSpec> specs = type.params();
        boolean takesMaType = specs.stream().anyMatch(spec -> spec.type() == ParamSpec.Type.MATYPE);
        List<IndicatorParams> sets = new ArrayList<>();
        for (int kind = 0; kind < (takesMaType ? ParamSpec.MA_TYPES.size() : 1); kind++) {
            double[] values = new double[specs.size()];
            for (int i = 0; i < values.length; i++) {
                ParamSpec spec = specs.get(i);
                values[i] = switch (spec.type()) {
                    case INTEGER -> spec.max();
                    case MATYPE -> kind;
                    case ANCHOR -> spec.max(); // the longest period, though VWAP costs the same for all
                    case REAL -> spec.defaultValue();
                };
            }
            Optional<IndicatorType.ParamError> rule = type.check(values);
            while (rule.isPresent()) {
                // a rule such as MACD's fast < slow: lower the named parameter until it holds
                values[names(specs).indexOf(rule.get().field())]--;
                rule = type.check(values);
            }
            sets.add(new IndicatorParams(type, values, type.usesSource() ? PriceSource.CLOSE : null));
        }
        return sets;
    }

    private static List<String> names(List<ParamSpec> specs) {
        return specs.stream().map(ParamSpec::name).toList();
    }

    private static double medianMs(CandleColumns candles, IndicatorParams params, int runs) {
        IndicatorSeries.compute(candles, params);
        IndicatorSeries.compute(candles, params);
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            IndicatorSeries series = IndicatorSeries.compute(candles, params);
            ms[i] = (System.nanoTime() - start) / 1e6;
            if (series.size() != candles.size()) {
                throw new IllegalStateException(params + " answered " + series.size() + " points");
            }
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    /** A steady trend by {@code factor} per candle: every high a new high (or every low a new low). */
    static CandleColumns trend(int n, double factor) {
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        double price = 100;
        for (int i = 0; i < n; i++) {
            t[i] = 1_600_000_000L + 60L * i;
            o[i] = price;
            price *= factor;
            c[i] = price;
            h[i] = Math.max(o[i], c[i]) * 1.0005;
            l[i] = Math.min(o[i], c[i]) * 0.9995;
            v[i] = 1_000 + (i % 7) * 100;
        }
        return new CandleColumns(t, o, h, l, c, v);
    }
}
