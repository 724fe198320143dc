package com.chartfeed.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A bare RESP client over one socket, for tests that must see exactly what happens on the wire
 * (a refused connect, an EOF, a read timeout) without a client library's reconnects and retries.
 */
final class RespClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to 127.0.0.1:{@code port}; replies that take longer than {@code readTimeoutMillis} fail. */
    static RespClient connect(int port, int readTimeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            socket.setSoTimeout(readTimeoutMillis);
            return new RespClient(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    static RespClient connect(int port) throws IOException {
        return connect(port, 2_000);
    }

    /**
     * Sends one command and returns its reply: a simple string, an integer or a bulk string as
     * text, {@code null} for a nil bulk string, an error as {@code -ERR ...}.
     */
    String call(String... args) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        write(request, "*" + args.length + "\r\n");
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            write(request, "$" + bytes.length + "\r\n");
            request.write(bytes);
            write(request, "\r\n");
        }
        out.write(request.toByteArray());
        out.flush();
        return reply();
    }

    private String reply() throws IOException {
        int type = in.read();
        String line = line();
        switch (type) {
            case '+':
            case ':':
                return line;
            case '-':
                return "-" + line;
            case '$':
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] data = in.readNBytes(length + 2);
                if (data.length < length + 2) {
                    throw new EOFException("connection closed inside a bulk string");
                }
                return new String(data, 0, length, StandardCharsets.UTF_8);
            case -1:
                throw new EOFException("connection closed by peer");
            default:
                throw new IOException("unsupported RESP reply type '" + (char) type + "'");
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                return line.toString();
            }
            line.append((char) c);
        }
        in.read();
        return line.toString();
    }

    private static void write(ByteArrayOutputStream target, String text) {
        target.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
