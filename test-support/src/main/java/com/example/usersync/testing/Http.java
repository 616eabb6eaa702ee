package com.example.usersync.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** A small client for end-to-end tests over real HTTP. */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final BiFunction<String, String, String> authorization;
    private final boolean checked;
    private final boolean requestedBy;

    /** Anonymous. */
    public Http(String baseUrl) {
        this(baseUrl, (method, path) -> null, true, true);
    }

    private Http(
            String baseUrl, BiFunction<String, String, String> authorization, boolean checked, boolean requestedBy) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
        this.checked = checked;
        this.requestedBy = requestedBy;
    }

    /** Every request as this account. */
    public Http as(String user, String password) {
        return new Http(baseUrl, (method, path) -> basic(user, password), checked, requestedBy);
    }

    /** Without the header every non-browser client sends on state changes: what a forged cross-site request looks like. */
    public Http asBrowser() {
        return new Http(baseUrl, authorization, checked, false);
    }

    /**
     * Without the {@link ApiContract} check of every exchange: only for a server that is not one of
     * ours, or a test of what the document cannot describe (e.g. a response cut by a dying server).
     */
    public Http unchecked() {
        return new Http(baseUrl, authorization, false, requestedBy);
    }

    /**
     * Each request as the dev account whose role it needs, so behaviour tests read like the calls
     * the real callers make: auditors read event logs, exports and erasures, tools deliver receipts,
     * operators run the tool-sync service, user administrators do the rest. Erasure receipts are
     * believed only from the tool they name: post them {@code as("tool-<tool>", "dev-tool-<tool>")};
     * the shared tool-service account used here for them is refused (403).
     */
    public static Http withDevAccounts(String baseUrl) {
        return new Http(
                baseUrl,
                (method, path) -> {
                    if (path.startsWith("/api/erasures")) {
                        return method.equals("POST")
                                ? basic("tool-service", "dev-tool-service")
                                : basic("auditor", "dev-auditor");
                    }
                    if (path.matches("/api/users/[^/]+/(events|export).*")
                            || path.startsWith("/api/exports")
                            || path.startsWith("/api/access-log")) {
                        return basic("auditor", "dev-auditor");
                    }
                    if (path.startsWith("/api/admin")
                            || path.startsWith("/api/tools")
                            || path.startsWith("/actuator")) {
                        return basic("operator", "dev-operator");
                    }
                    return basic("admin", "dev-admin");
                },
                true,
                true);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, "application/json", headers);
    }

    public Response post(String path, String json, String... headers) {
        return send("POST", path, json, "application/json", headers);
    }

    public Response patch(String path, String json, String... headers) {
        return send("PATCH", path, json, "application/json", headers);
    }

    public Response put(String path, String json, String... headers) {
        return send("PUT", path, json, "application/json", headers);
    }

    public Response delete(String path, String json, String... headers) {
        return send("DELETE", path, json, "application/json", headers);
    }

    public Response send(String method, String path, String body, String contentType, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        Map<String, List<String>> sent = requestHeaders(method, path, body, contentType, headers);
        sent.forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        try {
            HttpResponse<String> answer = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Response response =
                    new Response(answer.statusCode(), answer.headers().map(), answer.body());
            if (checked) {
                ApiContract.check(baseUrl, method, path, body == null ? null : contentType, body, sent, response);
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The headers {@link #send} sends with the request. */
    Map<String, List<String>> requestHeaders(
            String method, String path, String body, String contentType, String... headers) {
        Map<String, List<String>> sent = new LinkedHashMap<>();
        if (body != null) {
            sent.put("Content-Type", List.of(contentType));
        }
        if (requestedBy && !method.equals("GET") && !method.equals("HEAD")) {
            // What every non-browser client of the API sends on a state-changing request (CSRF defence).
            sent.put("X-Requested-By", List.of("user-sync-tests"));
        }
        String credentials = authorization.apply(method, path);
        if (credentials != null) {
            sent.put("Authorization", List.of(credentials));
        }
        for (int i = 0; i < headers.length; i += 2) {
            sent.computeIfAbsent(headers[i], name -> new ArrayList<>()).add(headers[i + 1]);
        }
        return sent;
    }

    public record Response(int status, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }
    }
}
