package com.chartfeed.bench;

import com.chartfeed.cache.CacheEntry;
import com.chartfeed.cache.ColumnCodec;
import com.chartfeed.candles.CandleColumns;
import com.chartfeed.indicators.IndicatorSeries;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The L2 value format: {@link ColumnCodec} against Jackson writing and reading the same columns as
 * JSON, for a 5,000-point series and 5,000 candles. It backs the choice of a binary codec (docs/cache.md)
 * over JSON for Redis; every L2 hit pays a decode and every miss an encode. The encoded sizes are
 * printed once at setup and in {@link Ratios}' table.
 *
 * <p>Not final because JMH generates a subclass of it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
public class CodecBenchmark {
    private CacheEntry<IndicatorSeries> series;
    private CacheEntry<CandleColumns> candles;
    private byte[] seriesCodec;
    private byte[] seriesJson;
    private byte[] candlesCodec;
    private byte[] candlesJson;

    @Setup
    public void setUp() throws IOException {
        series = CodecData.series();
        candles = CodecData.candles();
        seriesCodec = ColumnCodec.encodeSeries(series);
        seriesJson = CodecData.SERIES_WRITER.writeValueAsBytes(CodecData.json(series.value()));
        candlesCodec = ColumnCodec.encodeCandles(candles);
        candlesJson = CodecData.CANDLES_WRITER.writeValueAsBytes(CodecData.json(candles.value()));
        System.out.printf("%nbytes: series codec %,d, JSON %,d; candles codec %,d, JSON %,d%n",
                seriesCodec.length, seriesJson.length, candlesCodec.length, candlesJson.length);
    }

    @Benchmark
    public void seriesEncodeCodec(Blackhole bh) {
        bh.consume(ColumnCodec.encodeSeries(series));
    }

    @Benchmark
    public void seriesEncodeJson(Blackhole bh) throws IOException {
        bh.consume(CodecData.SERIES_WRITER.writeValueAsBytes(CodecData.json(series.value())));
    }

    @Benchmark
    public void seriesDecodeCodec(Blackhole bh) {
        bh.consume(ColumnCodec.decodeSeries(seriesCodec));
    }

    @Benchmark
    public void seriesDecodeJson(Blackhole bh) throws IOException {
        bh.consume(CodecData.SERIES_READER.readValue(seriesJson));
    }

    @Benchmark
    public void candlesEncodeCodec(Blackhole bh) {
        bh.consume(ColumnCodec.encodeCandles(candles));
    }

    @Benchmark
    public void candlesEncodeJson(Blackhole bh) throws IOException {
        bh.consume(CodecData.CANDLES_WRITER.writeValueAsBytes(CodecData.json(candles.value())));
    }

    @Benchmark
    public void candlesDecodeCodec(Blackhole bh) {
        bh.consume(ColumnCodec.decodeCandles(candlesCodec));
    }

    @Benchmark
    public void candlesDecodeJson(Blackhole bh) throws IOException {
        bh.consume(CodecData.CANDLES_READER.readValue(candlesJson));
    }
}
