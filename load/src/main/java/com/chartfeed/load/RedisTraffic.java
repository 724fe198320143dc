package com.chartfeed.load;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Bytes a redis-server sent and received, from {@code INFO stats} ({@code total_net_output_bytes},
 * {@code total_net_input_bytes}): what its clients read from and wrote to it, over one connection of
 * the driver's own. Only meaningful on a Redis of the run's own ({@code --redis-uri own}), where the
 * service is the only other client. The driver's own {@code INFO} replies are subtracted.
 */
final class RedisTraffic implements AutoCloseable {
    private static final byte[] INFO = "*2\r\n$4\r\nINFO\r\n$5\r\nstats\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    /** Bytes of INFO requests and replies this reader caused so far. */
    private long ownOutput;
    private long ownInput;

    /** Cumulative bytes at one moment, less this reader's own. */
    record Bytes(long output, long input) {
        Bytes minus(Bytes earlier) {
            return new Bytes(output - earlier.output, input - earlier.input);
        }
    }

    private RedisTraffic(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** A reader of the redis-server at {@code redisUri} (no AUTH: the driver's own runs without), or null for none. */
    static RedisTraffic connect(String redisUri) {
        if (redisUri == null) {
            return null;
        }
        URI uri = URI.create(redisUri);
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()), 2_000);
            socket.setSoTimeout(5_000);
            return new RedisTraffic(socket);
        } catch (IOException e) {
            throw new IllegalStateException("cannot connect to " + redisUri, e);
        }
    }

    /** The counts now: they include every earlier INFO of this reader, which are subtracted. */
    synchronized Bytes read() {
        try {
            out.write(INFO);
            out.flush();
            String header = line();
            if (!header.startsWith("$")) {
                throw new IllegalStateException("INFO answered " + header);
            }
            byte[] body = new byte[Integer.parseInt(header.substring(1))];
            in.readFully(body);
            line();
            String text = new String(body, StandardCharsets.US_ASCII);
            Bytes bytes = new Bytes(field(text, "total_net_output_bytes") - ownOutput,
                    field(text, "total_net_input_bytes") - ownInput);
            // The reply (header, body, CRLF) counts in the next reading's output, the request in its input.
            ownOutput += header.length() + 2 + body.length + 2;
            ownInput += INFO.length;
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException("INFO stats failed", e);
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("Redis closed the connection");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static long field(String info, String name) {
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).strip());
            }
        }
        throw new IllegalStateException("INFO stats has no " + name);
    }

    @Override
    public synchronized void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
    }
}
