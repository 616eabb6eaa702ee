package com.example.usersync.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses a request body larger than the limit with 413 before anything parses it: at once when
 * the declared length is too large, and as soon as a chunked body grows past the limit otherwise
 * (the read fails with {@link BodyTooLarge}, which the problem advice maps to 413).
 */
public class BodySizeFilter extends OncePerRequestFilter implements Ordered {

    /** Reading the body went past the limit. */
    public static final class BodyTooLarge extends IOException {
        BodyTooLarge(long limit) {
            super("The request body is larger than " + limit + " bytes.");
        }
    }

    private final long limit;

    BodySizeFilter(long limit) {
        this.limit = limit;
    }

    @Override
    public int getOrder() {
        // Right after the correlation filter, so a refusal still carries the correlation id.
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            tooLarge(response, limit);
            return;
        }
        chain.doFilter(new Limited(request, limit), response);
    }

    static void tooLarge(HttpServletResponse response, long limit) throws IOException {
        // The unread body is not drained: the connection closes instead of swallowing megabytes.
        response.setHeader("Connection", "close");
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter()
                .write("""
                {"type":"%s","title":"%s","status":413,\
                "detail":"The request body must not be larger than %d bytes."}""".formatted(ProblemType.BODY_TOO_LARGE.uri(), ProblemType.BODY_TOO_LARGE.title(), limit));
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
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

        private void count(int n) throws BodyTooLarge {
            read += n;
            if (read > limit) {
                throw new BodyTooLarge(limit);
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
