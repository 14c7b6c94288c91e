package io.breakwater.server.api;

import io.breakwater.server.json.Json;
import io.javalin.config.JavalinConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Requests Jetty refuses before Javalin sees them ({@code %00} or {@code %ZZ} in the path, an over-long URI or
 * header) get the same ApiError JSON as every other failure, with our words instead of Jetty's HTML page.
 */
public final class JsonErrorPages extends ErrorHandler {

    private JsonErrorPages() {}

    public static void install(JavalinConfig cfg) {
        cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorPages()));
        cfg.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JsonErrorPages()));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
            HttpServletResponse response, int code, String message) throws IOException {
        baseRequest.setHandled(true);
        response.setContentType("application/json");
        response.getOutputStream().write(body(code));
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status));
    }

    private static byte[] body(int status) {
        String message = switch (status) {
            case 400 -> "the request line or headers are malformed (a path must be valid percent-encoded UTF-8 "
                    + "without NUL characters)";
            case 404 -> "no such endpoint";
            case 413 -> "the request body is larger than the server accepts";
            case 414 -> "the request URI is longer than the server accepts";
            case 431 -> "the request headers are larger than the server accepts";
            default -> "the request failed";
        };
        return Json.write(ErrorMapper.generic(status, message)).getBytes(StandardCharsets.UTF_8);
    }
}
