package com.example.usersync.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.ResultHandler;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Every exchange a test makes over HTTP is checked against the API document of the service that
 * answered ({@code /v3/api-docs}, which {@link ApiDocument#assertMatchesCommitted} keeps equal to the
 * committed {@code docs/openapi} file; MockMvc tests use that file): the answer's status, headers and body must be ones the document
 * describes for that operation, and a request the service accepted (2xx) must be one the document
 * allows. Requests the service refused may break the document on purpose (bad-input tests).
 * Paths that are not part of the API (actuator, the document itself) are not checked; an
 * undocumented path may only be refused.
 */
public final class ApiContract {

    private static final Set<String> NOT_API = Set.of("/actuator", "/v3/api-docs", "/swagger-ui");
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiContract() {}

    /** Throws {@link AssertionError} naming every way the exchange departs from the document. */
    public static void check(
            String baseUrl,
            String method,
            String pathAndQuery,
            String contentType,
            String body,
            Map<String, List<String>> requestHeaders,
            Http.Response response) {
        check(
                () -> VALIDATORS.computeIfAbsent(baseUrl, ApiContract::validatorFor),
                method,
                pathAndQuery,
                contentType,
                body,
                requestHeaders,
                response);
    }

    /**
     * For MockMvc tests, which have no server to ask for its document: checks every exchange against the committed
     * document of {@code service} ({@code docs/openapi/<service>.yaml}).
     */
    public static ResultHandler committedDocument(String service) {
        return result -> {
            MockHttpServletRequest request = result.getRequest();
            MockHttpServletResponse answer = result.getResponse();
            Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
            Collections.list(request.getHeaderNames())
                    .forEach(name -> requestHeaders.put(name, Collections.list(request.getHeaders(name))));
            Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
            answer.getHeaderNames().forEach(name -> responseHeaders.put(name, answer.getHeaders(name)));
            byte[] body = request.getContentAsByteArray();
            String query = request.getQueryString();
            check(
                    () -> VALIDATORS.computeIfAbsent("committed:" + service, key -> committedValidator(service)),
                    request.getMethod(),
                    request.getRequestURI() + (query == null ? "" : "?" + query),
                    request.getContentType(),
                    body == null ? null : new String(body, StandardCharsets.UTF_8),
                    requestHeaders,
                    new Http.Response(
                            answer.getStatus(), responseHeaders, answer.getContentAsString(StandardCharsets.UTF_8)));
        };
    }

    private static void check(
            Supplier<OpenApiInteractionValidator> document,
            String method,
            String pathAndQuery,
            String contentType,
            String body,
            Map<String, List<String>> requestHeaders,
            Http.Response response) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        if (NOT_API.stream().anyMatch(path::startsWith)) {
            return;
        }
        OpenApiInteractionValidator validator = document.get();
        SimpleRequest request = request(method, pathAndQuery, path, contentType, body, requestHeaders);
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.status());
        response.headers().forEach((name, values) -> {
            if (name != null && !name.startsWith(":")) {
                answer.withHeader(name, values);
            }
        });
        if (response.body() != null && !response.body().isEmpty()) {
            answer.withBody(response.body());
        }
        ValidationReport report = validator.validate(request, answer.build());
        boolean accepted = response.status() < 400;
        List<ValidationReport.Message> failures = report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> accepted || !m.getKey().startsWith("validation.request"))
                .toList();
        boolean undocumentedPath = report.getMessages().stream()
                .anyMatch(m -> m.getKey().equals("validation.request.path.missing")
                        || m.getKey().equals("validation.request.operation.notAllowed"));
        if (undocumentedPath && !accepted) {
            return;
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("The answer to " + method + " " + path + " (" + response.status()
                    + ") departs from the service's API document:\n  "
                    + failures.stream()
                            .map(m -> m.getKey() + ": " + m.getMessage())
                            .collect(Collectors.joining("\n  "))
                    + "\nBody: " + abbreviate(response.body()));
        }
    }

    /** How a request departs from the document (credentials aside); empty when the document allows it. */
    public static List<String> requestViolations(
            String baseUrl,
            String method,
            String pathAndQuery,
            String contentType,
            String body,
            Map<String, List<String>> requestHeaders) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        ValidationReport report = VALIDATORS
                .computeIfAbsent(baseUrl, ApiContract::validatorFor)
                .validateRequest(request(method, pathAndQuery, path, contentType, body, requestHeaders));
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage())
                .toList();
    }

    private static SimpleRequest request(
            String method,
            String pathAndQuery,
            String path,
            String contentType,
            String body,
            Map<String, List<String>> headers) {
        try {
            return request(method, pathAndQuery, path, contentType, body, headers, contentType);
        } catch (IllegalArgumentException unreadable) {
            // A Content-Type the validator cannot read (e.g. an unknown charset): a type no operation reads.
            return request(method, pathAndQuery, path, contentType, body, headers, "application/octet-stream");
        }
    }

    private static SimpleRequest request(
            String method,
            String pathAndQuery,
            String path,
            String contentType,
            String body,
            Map<String, List<String>> headers,
            String describedType) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method), path);
        int query = pathAndQuery.indexOf('?');
        if (query >= 0) {
            for (String pair : pathAndQuery.substring(query + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                request.withQueryParam(
                        decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        headers.forEach((name, values) ->
                request.withHeader(name, name.equalsIgnoreCase("Content-Type") ? List.of(describedType) : values));
        if (body != null) {
            request.withBody(body);
            if (contentType != null) {
                request.withContentType(describedType);
            }
        }
        return request.build();
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return value;
        }
    }

    private static OpenApiInteractionValidator validatorFor(String baseUrl) {
        try {
            HttpResponse<String> document = CLIENT.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/v3/api-docs"))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (document.statusCode() != 200) {
                throw new AssertionError("No API document at " + baseUrl + "/v3/api-docs: " + document.statusCode());
            }
            return validator(JSON.readTree(document.body()));
        } catch (IOException e) {
            throw new AssertionError("No API document at " + baseUrl + "/v3/api-docs", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static OpenApiInteractionValidator committedValidator(String service) {
        try {
            return validator(new ObjectMapper(new YAMLFactory())
                    .readTree(ApiDocument.committed(service).toFile()));
        } catch (IOException e) {
            throw new AssertionError("No committed API document of " + service, e);
        }
    }

    private static OpenApiInteractionValidator validator(JsonNode document) throws IOException {
        rewriteNullableReferences(document);
        return OpenApiInteractionValidator.createForInlineApiSpecification(JSON.writeValueAsString(document))
                .withLevelResolver(LevelResolver.create()
                        // Credentials are checked by the service (401/403 are documented answers).
                        .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                        .build())
                // /api/users/ is not /api/users: Spring MVC does not match a trailing slash either.
                .withStrictOperationPathMatching()
                .build();
    }

    /**
     * The validator refuses null for a nullable reference ({@code type: object, nullable: true} with {@code allOf} the
     * referenced schema, the OpenAPI 3.0 form): it applies {@code nullable} to the {@code type} beside it but not to the
     * {@code allOf}. Each one is rewritten to the same meaning in a form it understands: any of the reference or null.
     */
    private static void rewriteNullableReferences(JsonNode node) {
        if (node instanceof ObjectNode object && object.path("nullable").asBoolean() && object.has("allOf")) {
            ObjectNode reference = JSON.createObjectNode().set("allOf", object.remove("allOf"));
            ObjectNode onlyNull = JSON.createObjectNode().put("type", "object").put("nullable", true);
            onlyNull.putArray("enum").addNull();
            object.remove(List.of("nullable", "type"));
            object.putArray("anyOf").add(reference).add(onlyNull);
        }
        node.forEach(ApiContract::rewriteNullableReferences);
    }

    private static String abbreviate(String body) {
        return body == null || body.length() <= 600 ? body : body.substring(0, 600) + "…";
    }
}
