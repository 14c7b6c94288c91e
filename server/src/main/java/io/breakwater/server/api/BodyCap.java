package io.breakwater.server.api;

import io.breakwater.server.domain.DomainException;
import io.javalin.config.JavalinConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.EnumSet;
import java.util.regex.Pattern;
import org.eclipse.jetty.servlet.FilterHolder;

/**
 * Caps every request body while it is read, whatever its transfer encoding. Javalin's own cap compares only a
 * declared Content-Length, so a chunked body was read whole into memory; here the request's input stream itself
 * refuses the byte past the cap (413), and a declared length over the cap is refused before any byte is read.
 * Bulk requests (an adapter's inventory, deltas and status, and an import) get the larger bulk cap.
 */
public final class BodyCap implements Filter {

    private static final Pattern BULK = Pattern.compile("/api/v1/breakwater/clusters/[^/]+/"
            + "(inventory|inventory/changes|status)|/policy/api/v1/infra/import-k8s-np-to-dfw");

    private final long cap;
    private final long bulkCap;

    private BodyCap(long cap, long bulkCap) {
        this.cap = cap;
        this.bulkCap = bulkCap;
    }

    public static void install(JavalinConfig cfg, long cap, long bulkCap) {
        cfg.http.maxRequestSize = Math.max(cap, bulkCap); // Javalin's check must not pre-empt ours
        cfg.jetty.modifyServletContextHandler(handler -> handler.addFilter(new FilterHolder(new BodyCap(cap, bulkCap)),
                "/*", EnumSet.of(DispatcherType.REQUEST)));
    }

    /** The cap of a request to this path. */
    long capOf(String path) {
        return BULK.matcher(path).matches() ? bulkCap : cap;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, jakarta.servlet.ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        chain.doFilter(new Capped(http, capOf(http.getRequestURI())), response);
    }

    static DomainException tooLarge(long cap) {
        return DomainException.limitExceeded(DomainException.LimitExceeded.Limit.BODY_SIZE,
                "the request body is larger than the " + cap + " bytes this server accepts for this request");
    }

    /** The request with a counting input stream. */
    private static final class Capped extends HttpServletRequestWrapper {
        private final long cap;
        private ServletInputStream stream;

        Capped(HttpServletRequest request, long cap) {
            super(request);
            this.cap = cap;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (getContentLengthLong() > cap) {
                throw tooLarge(cap);
            }
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), cap);
            }
            return stream;
        }
    }

    /** Fails the read that would take the count past the cap. */
    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long cap;
        private long count;

        CountingStream(ServletInputStream in, long cap) {
            this.in = in;
            this.cap = cap;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > cap) {
                throw tooLarge(cap);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
