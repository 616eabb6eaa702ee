package com.example.usersync.platform.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponents;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Cursor paging for lists that answer a JSON array: the array holds one page, and the next page's
 * address (relative) is in the {@code Link} header ({@code rel="next"}, RFC 8288), absent on the last page.
 * Cursors are opaque (base64url), as the {@code nextCursor} of {@code GET /api/users}; one this API
 * did not hand out is an {@link InvalidCursor} (400).
 */
public final class PagedList {

    private PagedList() {}

    public static String cursor(String... parts) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
    }

    /** The parts of a cursor handed out by {@link #cursor}; exactly {@code count} of them. */
    public static String[] parts(String cursor, int count) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = decoded.split("\\|", -1);
            // Ours hold ids and numbers; a control character (a NUL, which PostgreSQL refuses in text) never.
            if (parts.length != count || decoded.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidCursor();
            }
            return parts;
        } catch (IllegalArgumentException malformed) {
            throw new InvalidCursor();
        }
    }

    /** A cursor holding one number (an id or a sequence number), or an {@link InvalidCursor}. */
    public static long number(String cursor) {
        try {
            return Long.parseLong(parts(cursor, 1)[0]);
        } catch (NumberFormatException malformed) {
            throw new InvalidCursor();
        }
    }

    /**
     * @param page       at most {@code limit + 1} items: one more than asked tells that a next page exists
     * @param nextCursor the cursor after the {@code limit}-th item
     */
    public static <T> ResponseEntity<List<T>> of(
            List<T> page, int limit, java.util.function.Function<T, String> nextCursor) {
        if (page.size() <= limit) {
            return ResponseEntity.ok(page);
        }
        List<T> items = List.copyOf(page.subList(0, limit));
        return withNext(items, nextCursor.apply(items.get(limit - 1)));
    }

    /** @param nextCursor null on the last page */
    public static <T> ResponseEntity<List<T>> withNext(List<T> items, String nextCursor) {
        if (nextCursor == null) {
            return ResponseEntity.ok(items);
        }
        // Relative (RFC 8288 resolves it against the request): no Host header is echoed back.
        UriComponents uri = ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("cursor", nextCursor)
                .build();
        String next = uri.getPath() + "?" + uri.getQuery();
        return ResponseEntity.ok()
                .header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"")
                .body(items);
    }
}
