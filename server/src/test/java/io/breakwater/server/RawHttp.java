package io.breakwater.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP/1.1 over a bare socket, for what java.net.http refuses to send: malformed paths ({@code %ZZ}), endless
 * chunked bodies. Every request asks to close the connection, so the answer is what the server wrote until then.
 */
final class RawHttp {

    record Answer(int status, String head, String body) {}

    private RawHttp() {}

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the request line and headers as given (CRLFs added), without a body. */
    static Answer send(int port, String requestLine, String... headers) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head(requestLine, headers).getBytes(StandardCharsets.ISO_8859_1));
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends a chunked body of up to {@code limit} bytes of {@code fill} (64 KiB chunks) from a second thread, and
     * returns the answer the server gives, whether or not it read the whole body first.
     */
    static Answer chunked(int port, String method, String path, String authorization, byte[] fill, long limit) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(method + " " + path + " HTTP/1.1", "Authorization: " + authorization,
                    "Content-Type: application/json", "Transfer-Encoding: chunked")
                    .getBytes(StandardCharsets.ISO_8859_1));
            Thread writer = Thread.ofVirtual().start(() -> writeChunks(out, fill, limit));
            Answer answer = read(socket.getInputStream());
            writer.interrupt();
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeChunks(OutputStream out, byte[] fill, long limit) {
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = fill[i % fill.length];
        }
        byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        try {
            for (long sent = 0; sent < limit && !Thread.currentThread().isInterrupted(); sent += chunk.length) {
                out.write(size);
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            // the server answered and closed the connection: that is the point of the test
        }
    }

    private static String head(String requestLine, String... headers) {
        var sb = new StringBuilder(requestLine).append("\r\nHost: localhost\r\nConnection: close\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    private static Answer read(InputStream in) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try {
            in.transferTo(bytes);
        } catch (IOException e) {
            // reset after the answer: keep what arrived
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        int split = text.indexOf("\r\n\r\n");
        if (split < 0) {
            throw new AssertionError("no HTTP answer: '" + text + "'");
        }
        String head = text.substring(0, split);
        String body = text.substring(split + 4);
        if (head.toLowerCase().contains("transfer-encoding: chunked")) {
            body = dechunk(body);
        }
        return new Answer(Integer.parseInt(head.split(" ")[1]), head, body);
    }

    private static String dechunk(String body) {
        var out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int eol = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, eol).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
