package com.chartfeed.bench;

import ch.qos.logback.classic.Level;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.chartfeed.functions.batch.BatchFunction;
import com.chartfeed.functions.indicator.IndicatorFunction;
import com.chartfeed.lambda.HttpApiFunction;
import com.chartfeed.lambda.LocalLambdaContext;
import com.chartfeed.lambda.ResponseCompression;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;

/**
 * gzip's cost and gain for a 500-point RSI(14) and a 10-item batch of 500-point indicators (the
 * local server's sample candles, answered from L1): through the real Lambda handlers
 * ({@code handler}: what the function's duration pays, base64 included) and over HTTP on
 * loopback against the local server ({@code http}: Netty's compressor, client and server in this
 * JVM), each with and without {@code Accept-Encoding: gzip}, at {@code responses.gzip-level} (1);
 * the compression alone ({@code gzipOnly}) of those bodies and of 1, 2 and 4 KiB of one, to place
 * the threshold; and deflate at levels 1, 4 and 6 ({@code deflateAtLevel}), to choose the level.
 * The bytes of each body, plain and compressed, are printed at setup.
 *
 * <p>No EMF record and no access line here ({@code metrics.enabled=false}, the access logger off):
 * only the compression differs between the two encodings.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dmetrics.enabled=false"})
public class CompressionBenchmark {

    /** The real handler of the body's function, on the embedded H2 and its sample candles. */
    @State(Scope.Benchmark)
    public static class Handler {
        @Param({"rsi-500", "batch-10"})
        public String body;
        @Param({"identity", "gzip"})
        public String encoding;

        HttpApiFunction function;
        APIGatewayV2HTTPEvent event;
        final Context lambda = new LocalLambdaContext("bench", 30_000);

        @Setup
        public void setUp() {
            PrintStream report = System.out;
            quiet();
            boolean batch = body.equals("batch-10");
            function = batch ? new BatchFunction() : new IndicatorFunction();
            String accept = encoding.equals("gzip") ? "gzip" : null;
            event = batch ? Events.post("/v1/indicators/batch", Events.BATCH_10, accept)
                    : Events.get("/v1/indicators/AAPL/rsi", "interval=1h&limit=500", accept);
            function.handleRequest(event, lambda);
            APIGatewayV2HTTPResponse answer = function.handleRequest(event, lambda);
            int bytes = answer.getIsBase64Encoded() ? Base64.getDecoder().decode(answer.getBody()).length
                    : answer.getBody().getBytes(StandardCharsets.UTF_8).length;
            if (answer.getStatusCode() != 200 || encoding.equals("gzip") != answer.getIsBase64Encoded()) {
                throw new IllegalStateException("unexpected answer " + answer.getStatusCode() + " " + answer.getHeaders());
            }
            report.printf("%n%s through the handler, %s: %d bytes in the Lambda response (%d as base64)%n", body,
                    encoding, bytes, answer.getBody().length());
        }

        @TearDown
        public void tearDown() {
            function.close();
        }
    }

    /** The local server (every function's routes on Netty) on a free port, and a client that does not decompress. */
    @State(Scope.Benchmark)
    public static class Server {
        @Param({"rsi-500", "batch-10"})
        public String body;
        @Param({"identity", "gzip"})
        public String encoding;

        ApplicationContext context;
        HttpClient client;
        HttpRequest request;

        @Setup
        public void setUp() throws IOException, InterruptedException {
            PrintStream report = System.out;
            quiet();
            context = ApplicationContext.run(Map.of("micronaut.server.port", -1));
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest.Builder builder = body.equals("batch-10")
                    ? HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + "/v1/indicators/batch"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(Events.BATCH_10))
                    : HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort()
                            + "/v1/indicators/AAPL/rsi?interval=1h&limit=500"));
            if (encoding.equals("gzip")) {
                builder.header("Accept-Encoding", "gzip");
            }
            request = builder.build();
            client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> answer = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            boolean gzipped = "gzip".equals(answer.headers().firstValue("Content-Encoding").orElse(null));
            if (answer.statusCode() != 200 || encoding.equals("gzip") != gzipped) {
                throw new IllegalStateException("unexpected answer " + answer.statusCode() + " " + answer.headers().map());
            }
            report.printf("%n%s over HTTP, %s: %d bytes of body%n", body, encoding, answer.body().length);
        }

        @TearDown
        public void tearDown() {
            context.close();
        }
    }

    /** A body to gzip: a whole answer, or its first 1, 2 or 4 KiB (the threshold's candidates). */
    @State(Scope.Benchmark)
    public static class Body {
        @Param({"1024", "2048", "4096", "rsi-500", "batch-10"})
        public String body;

        byte[] bytes;

        @Setup
        public void setUp() {
            PrintStream report = System.out;
            quiet();
            boolean batch = body.equals("batch-10");
            try (HttpApiFunction function = batch ? new BatchFunction() : new IndicatorFunction()) {
                APIGatewayV2HTTPResponse answer = function.handleRequest(batch
                        ? Events.post("/v1/indicators/batch", Events.BATCH_10, null)
                        : Events.get("/v1/indicators/AAPL/rsi", "interval=1h&limit=500", null),
                        new LocalLambdaContext("bench", 30_000));
                bytes = answer.getBody().getBytes(StandardCharsets.UTF_8);
            }
            if (Character.isDigit(body.charAt(0))) {
                bytes = Arrays.copyOf(bytes, Integer.parseInt(body));
            }
            report.printf("%n%s: %d bytes, %d gzipped%n", body, bytes.length, ResponseCompression.gzip(bytes, 1).length);
        }
    }

    @Benchmark
    public APIGatewayV2HTTPResponse handler(Handler state) {
        return state.function.handleRequest(state.event, state.lambda);
    }

    @Benchmark
    public byte[] http(Server state) throws IOException, InterruptedException {
        return state.client.send(state.request, HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    /** At application.yml's {@code responses.gzip-level}, 1. */
    @Benchmark
    public byte[] gzipOnly(Body state) {
        return ResponseCompression.gzip(state.bytes, 1);
    }

    /** The same bodies at other zlib levels (with their sizes printed at setup), to weigh the level. */
    @State(Scope.Benchmark)
    public static class ZlibLevel {
        @Param({"1", "4", "6"})
        public int level;
        final Deflater deflater = new Deflater();
        final byte[] out = new byte[1 << 20];

        @Setup
        public void setUp(Body body) {
            deflater.setLevel(level);
            System.out.printf("%n%s at level %d: %d bytes deflated%n", body.body, level, deflate(body.bytes));
        }

        int deflate(byte[] bytes) {
            deflater.reset();
            deflater.setInput(bytes);
            deflater.finish();
            int n = 0;
            while (!deflater.finished()) {
                n += deflater.deflate(out, 0, out.length);
            }
            return n;
        }
    }

    @Benchmark
    public int deflateAtLevel(Body body, ZlibLevel level) {
        return level.deflate(body.bytes);
    }

    /** The handlers' and the server's logs are not measured here. */
    static void quiet() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    }
}
