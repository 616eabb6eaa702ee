package com.example.usersync.testing;

import com.example.usersync.platform.web.ProblemType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile requests derived from a service's own API document ({@code /v3/api-docs}), and the
 * answers they must get. For every operation: each path parameter malformed or naming nothing,
 * each query parameter out of range, of the wrong type or overlong, the body malformed, of the
 * wrong media type or broken in one property at a time, each header it reads malformed; and the
 * operation called as every dev account and anonymously. Every probe is sent through {@link Http},
 * so its answer must also be one the document describes.
 * <p>
 * Which answer is right: a hostile path never names an existing resource and a hostile
 * {@code If-Match} never the current version, so those are refused (4xx). A query value, body or
 * media type is judged by the document itself: what it forbids is refused; what it allows (a
 * well-formed unknown id as a filter, a null it calls nullable) may be accepted. Nothing gets a
 * 5xx, and every refusal is a problem detail.
 */
public final class ContractFuzzer {

    /** What an answer must be. */
    public enum Expect {
        /** A 4xx problem detail: the request is malformed, or names nothing that exists. */
        REFUSED,
        /** Anything but a 5xx: the document allows the request (e.g. a well-formed unknown id as a filter). */
        NOT_5XX,
        UNAUTHORIZED,
        FORBIDDEN,
        /** Past the role check: neither 401 nor a 403 {@code forbidden}. */
        PERMITTED
    }

    /** A dev account; {@code tool} the tool it is, if any. */
    public record Account(String name, String password, List<String> roles, String tool) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * One request of an operation ({@code "GET /api/users/{id}"}), what is wrong with it, and the
     * account it is sent as ({@code null}: anonymous).
     */
    public record Probe(
            String operation,
            String fault,
            String method,
            String path,
            String body,
            String contentType,
            Account account,
            Expect expect,
            String... headers) {
        @Override
        public String toString() {
            return operation + " " + fault + " as " + (account == null ? "anonymous" : account) + " → " + expect;
        }
    }

    static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String LONG = "a".repeat(5000);
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

    private final String baseUrl;
    private final OpenAPI document;
    private final List<Account> accounts;
    private final Map<String, String> existing;

    /**
     * @param accountsResource the service's dev defaults on the classpath, whose
     *                         {@code user-sync.security.accounts} are the accounts to call as
     * @param existing         path parameter name → a value naming something that exists, used
     *                         while another part of the request is at fault
     */
    public ContractFuzzer(String baseUrl, String accountsResource, Map<String, String> existing) {
        this.baseUrl = baseUrl;
        this.document = parse(baseUrl);
        this.accounts = devAccounts(accountsResource);
        this.existing = existing;
    }

    /** Per operation, the hostile requests its document lets a fuzzer derive. */
    public Map<String, List<Probe>> hostileRequests() {
        Map<String, List<Probe>> probes = new LinkedHashMap<>();
        document.getPaths()
                .forEach((template, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    Target target = new Target(method.name(), template, operation);
                    List<Probe> own = new ArrayList<>();
                    parameters(operation, "path").forEach(p -> own.addAll(target.pathProbes(p)));
                    parameters(operation, "query").forEach(p -> own.addAll(target.queryProbes(p)));
                    parameters(operation, "header").forEach(p -> own.addAll(target.headerProbes(p)));
                    own.addAll(target.bodyProbes());
                    // No operation answers in XML: refused whatever else the request holds.
                    own.add(target.probe(
                            "Accept: application/xml",
                            target.path(Map.of()),
                            target.body(),
                            target.account,
                            Expect.REFUSED,
                            "Accept",
                            "application/xml"));
                    probes.put(target.name(), own);
                }));
        return probes;
    }

    /**
     * Every operation as every dev account and anonymously. Paths name nothing that exists (a
     * state-changing call changes nothing) and bodies are well-formed, so what decides the answer is
     * the account: 401 anonymous, 403 without one of the operation's {@code x-roles}, and with one
     * neither (a 403 for another reason, such as a tool confirming another tool's erasure, is not the role check).
     */
    public List<Probe> roleMatrix() {
        List<Probe> probes = new ArrayList<>();
        document.getPaths()
                .forEach((template, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    Target target = new Target(method.name(), template, operation);
                    List<String> roles = roles(operation);
                    String path = target.unknownPath();
                    probes.add(target.probe("roles " + roles, path, target.body(), null, Expect.UNAUTHORIZED));
                    for (Account account : accounts) {
                        boolean permitted = account.roles().stream().anyMatch(roles::contains);
                        probes.add(target.probe(
                                "roles " + roles,
                                path,
                                target.body(),
                                account,
                                permitted ? Expect.PERMITTED : Expect.FORBIDDEN));
                    }
                }));
        return probes;
    }

    public Http.Response send(Probe probe) {
        Http http = new Http(baseUrl);
        if (probe.account() != null) {
            http = http.as(probe.account().name(), probe.account().password());
        }
        return http.send(probe.method(), probe.path(), probe.body(), probe.contentType(), probe.headers());
    }

    /** Sends the probe and checks its answer: the status it must have, and a problem detail for every refusal. */
    public Http.Response sendAndCheck(Probe probe) {
        Http.Response answer = send(probe);
        String shown = probe + ": " + answer.status() + " " + abbreviate(answer.body(), 400);
        assertThat(answer.status()).as(shown).isLessThan(500);
        switch (probe.expect()) {
            case REFUSED -> assertThat(answer.status()).as(shown).isBetween(400, 499);
            case UNAUTHORIZED -> assertThat(answer.status()).as(shown).isEqualTo(401);
            case FORBIDDEN -> assertThat(answer.status()).as(shown).isEqualTo(403);
            case PERMITTED ->
                assertThat(answer.status() == 401
                                || answer.status() == 403
                                        && answer.json()
                                                .path("type")
                                                .asText()
                                                .equals(ProblemType.FORBIDDEN
                                                        .uri()
                                                        .toString()))
                        .as(shown)
                        .isFalse();
            case NOT_5XX -> {}
        }
        if (answer.status() >= 400) {
            assertThat(answer.header("Content-Type")).as(shown).startsWith("application/problem+json");
            assertThat(answer.json().get("status").asInt()).as(shown).isEqualTo(answer.status());
            assertThat(answer.body())
                    .as(shown)
                    .doesNotContain("Exception", "\tat ", "org.springframework", "java.", "<html");
        }
        return answer;
    }

    /** One operation and the values that make a request to it well-formed. */
    private final class Target {

        private final String method;
        private final String template;
        private final Operation operation;
        private final Account account;

        Target(String method, String template, Operation operation) {
            this.method = method;
            this.template = template;
            this.operation = operation;
            List<String> roles = roles(operation);
            // An account of a tool where one qualifies: it may do all that the role allows, and confirm its own tool's
            // erasures.
            this.account = accounts.stream()
                    .filter(a -> a.roles().stream().anyMatch(roles::contains))
                    .min(Comparator.comparing(a -> a.tool() == null))
                    .orElse(null);
        }

        String name() {
            return method + " " + template;
        }

        /** The template with the given (encoded) values, and an existing resource's for the other parameters. */
        String path(Map<String, String> values) {
            return PATH_VARIABLE
                    .matcher(template)
                    .replaceAll(m -> Matcher.quoteReplacement(values.getOrDefault(
                            m.group(1),
                            segment(existing.getOrDefault(
                                    m.group(1), UUID.randomUUID().toString())))));
        }

        /** The template with every parameter naming nothing. */
        String unknownPath() {
            return PATH_VARIABLE
                    .matcher(template)
                    .replaceAll(m -> UUID.randomUUID().toString());
        }

        Probe probe(String fault, String path, String body, Account as, Expect expect, String... headers) {
            return new Probe(name(), fault, method, path, body, body == null ? null : JSON, as, expect, headers);
        }

        /** The path never names an existing resource, so every one of these is refused. */
        List<Probe> pathProbes(Parameter parameter) {
            return Stream.of(
                            segment("not-a-uuid"),
                            UUID.randomUUID().toString(),
                            LONG,
                            "%00",
                            segment("../../etc"),
                            segment("ünïcødé-☃"),
                            "",
                            "%20",
                            "null",
                            "-1",
                            "%FF",
                            "%25",
                            segment(" ' OR 1=1 --"))
                    .map(value -> probe(
                            "{" + parameter.getName() + "} = " + (value.isEmpty() ? "(empty)" : abbreviate(value, 40)),
                            path(Map.of(parameter.getName(), value)),
                            body(),
                            account,
                            Expect.REFUSED))
                    .toList();
        }

        /**
         * Refused when the document forbids the value; a value it allows (a well-formed unknown
         * id as a filter, a cursor it cannot type) may be answered 2xx, never 5xx. Where the path
         * names a resource, each value is sent again naming none: then it is refused either way.
         */
        List<Probe> queryProbes(Parameter parameter) {
            List<Probe> probes = new ArrayList<>();
            for (String value : hostileValues(parameter.getSchema())) {
                String query = "?" + parameter.getName() + "=" + value;
                String fault = "?" + parameter.getName() + "=" + abbreviate(value, 40);
                probes.add(probe(
                        fault, path(Map.of()) + query, body(), account, judged(path(Map.of()) + query, body(), JSON)));
                if (template.contains("{")) {
                    probes.add(probe(fault + " of nothing", unknownPath() + query, body(), account, Expect.REFUSED));
                }
            }
            return probes;
        }

        /**
         * An {@code If-Match} that is malformed or names no version the resource has is refused
         * (400 or 412), never ignored; other headers are judged by the document.
         */
        List<Probe> headerProbes(Parameter parameter) {
            if (parameter.getName().equalsIgnoreCase("X-Requested-By")) {
                return List.of(); // Any value is right: it only proves the caller is not a browser form.
            }
            boolean ifMatch = parameter.getName().equalsIgnoreCase("If-Match");
            List<String> values = ifMatch
                    ? List.of(
                            "not-a-version",
                            "\"\"",
                            "\"-1\"",
                            "\"99999999999999999999\"",
                            "W/\"0\"",
                            "\"1\" trailing",
                            "\"" + "9".repeat(5000) + "\"")
                    : List.of("", "not-a-uuid", LONG);
            String path = path(Map.of());
            return values.stream()
                    .map(value -> {
                        Expect expect =
                                ifMatch ? Expect.REFUSED : judged(path, body(), JSON, parameter.getName(), value);
                        return probe(
                                parameter.getName() + ": " + abbreviate(value, 40),
                                path,
                                body(),
                                account,
                                expect,
                                parameter.getName(),
                                value);
                    })
                    .toList();
        }

        /** The body malformed, of the wrong media type, or broken in one property at a time; judged by the document. */
        List<Probe> bodyProbes() {
            if (operation.getRequestBody() == null || content() == null) {
                return List.of();
            }
            String path = path(Map.of());
            String valid = body();
            Map<String, String> bodies = new LinkedHashMap<>();
            for (String malformed : List.of(
                    "{",
                    "[]",
                    "null",
                    "",
                    "\"text\"",
                    "1",
                    valid + " trailing",
                    "[".repeat(3000) + "]".repeat(3000),
                    "{\"a\":".repeat(2000) + "1" + "}".repeat(2000))) {
                bodies.put("body " + (malformed.isEmpty() ? "(empty)" : abbreviate(malformed, 40)), malformed);
            }
            Schema<?> schema = content().getSchema();
            if (schema != null && schema.getProperties() != null) {
                schema.getProperties().forEach((name, property) -> {
                    for (Object value : wrongValues(property)) {
                        bodies.put("body." + name + " = " + abbreviate(json(value), 40), with(valid, name, value));
                    }
                    bodies.put("body." + name + " twice", valid.replaceFirst("\\{", "{\"" + name + "\":1,"));
                });
                for (String required : Objects.requireNonNullElse(schema.getRequired(), List.<String>of())) {
                    bodies.put("body without " + required, without(valid, required));
                }
                bodies.put("body.unknownProperty = true", with(valid, "unknownProperty", true));
            }
            List<Probe> probes = new ArrayList<>();
            bodies.forEach((fault, body) -> probes.add(probe(fault, path, body, account, judged(path, body, JSON))));
            for (String type : List.of(
                    "text/plain",
                    "application/xml",
                    "application/x-www-form-urlencoded",
                    "application/json;charset=x-unknown",
                    "multipart/form-data; boundary=x",
                    "not a media type")) {
                probes.add(new Probe(
                        name(),
                        "Content-Type: " + type,
                        method,
                        path,
                        valid,
                        type,
                        account,
                        judged(path, valid, type)));
            }
            probes.add(new Probe(name(), "no body", method, path, null, null, account, judged(path, null, null)));
            return probes;
        }

        private MediaType content() {
            var content = operation.getRequestBody().getContent();
            return content == null
                    ? null
                    : content.getOrDefault(
                            JSON, content.values().stream().findFirst().orElse(null));
        }

        /** The document's example of the request body, or a value made from its schema; null without a body. */
        String body() {
            if (operation.getRequestBody() == null || content() == null) {
                return null;
            }
            MediaType content = content();
            Object example = content.getExample();
            if (example == null
                    && content.getExamples() != null
                    && !content.getExamples().isEmpty()) {
                example = content.getExamples().values().iterator().next().getValue();
            }
            try {
                JsonNode node = example != null ? MAPPER.valueToTree(example) : validValue(content.getSchema());
                return MAPPER.writeValueAsString(node);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Expect judged(String pathAndQuery, String body, String contentType, String... headers) {
            Http http = new Http(baseUrl);
            Map<String, List<String>> sent = http.requestHeaders(method, pathAndQuery, body, contentType, headers);
            return ApiContract.requestViolations(
                                    baseUrl, method, pathAndQuery, body == null ? null : contentType, body, sent)
                            .isEmpty()
                    ? Expect.NOT_5XX
                    : Expect.REFUSED;
        }
    }

    /** Query values: out of range, of the wrong type, overlong, control characters, unknown enum values. */
    static List<String> hostileValues(Schema<?> schema) {
        Set<String> values = new LinkedHashSet<>();
        String type = schema == null ? "string" : Objects.requireNonNullElse(schema.getType(), "string");
        switch (type) {
            case "integer", "number" -> {
                values.addAll(List.of(
                        "-1",
                        "0",
                        "2147483647",
                        "2147483648",
                        "9223372036854775807",
                        "9223372036854775808",
                        "1e9",
                        "abc",
                        "1.5",
                        "true",
                        "%00",
                        "9".repeat(400)));
                if (schema.getMinimum() != null) {
                    values.add(schema.getMinimum().subtract(BigDecimal.ONE).toPlainString());
                }
                if (schema.getMaximum() != null) {
                    values.add(schema.getMaximum().add(BigDecimal.ONE).toPlainString());
                }
            }
            case "boolean" -> values.addAll(List.of("maybe", "2", "%00"));
            case "array" -> {
                values.addAll(hostileValues(schema.getItems()));
                values.add(",,,");
                int tooMany = schema.getMaxItems() == null ? 1000 : schema.getMaxItems() + 1;
                values.add(IntStream.range(0, tooMany)
                        .mapToObj(i -> segment(validValue(schema.getItems()).asText()))
                        .collect(Collectors.joining(",")));
            }
            default -> {
                values.addAll(List.of(
                        "not-a-uuid",
                        segment("yesterday"),
                        LONG,
                        "%00",
                        "%01",
                        "%FF",
                        segment("ünïcødé-☃"),
                        segment("' OR 1=1 --"),
                        segment(Base64.getEncoder().encodeToString("{\"x\":1}".getBytes(StandardCharsets.UTF_8))),
                        "AAAA",
                        segment("-1"),
                        UUID.randomUUID().toString()));
                if ("date-time".equals(schema.getFormat())) {
                    values.addAll(List.of(
                            segment("2024-13-45T99:99:99Z"),
                            segment("+999999999-12-31T23:59:59Z"),
                            segment("-999999999-01-01T00:00:00Z")));
                }
                if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
                    values.addAll(List.of(
                            "BOGUS",
                            segment(swapCase(String.valueOf(schema.getEnum().get(0))))));
                }
            }
        }
        return List.copyOf(values);
    }

    /** Body property values that break its schema, or (overlong strings, controls, empty) the service's rules. */
    static List<Object> wrongValues(Schema<?> schema) {
        String type = Objects.requireNonNullElse(schema.getType(), "object");
        List<Object> values = new ArrayList<>(Arrays.asList(null, Map.of("x", 1)));
        switch (type) {
            case "string" -> {
                values.addAll(List.of(
                        12345,
                        true,
                        List.of("x"),
                        "",
                        " ",
                        "\u0000",
                        "\u001b[31m",
                        "ünïcødé-☃",
                        "\ud83d\ude00",
                        "x".repeat(schema.getMaxLength() == null ? 5000 : schema.getMaxLength() + 1)));
                if (schema.getEnum() != null) {
                    values.addAll(List.of(
                            "BOGUS", swapCase(String.valueOf(schema.getEnum().get(0)))));
                }
                if (schema.getFormat() != null) {
                    values.add("not-a-" + schema.getFormat());
                }
            }
            case "integer", "number" ->
                values.addAll(
                        List.of("1", 1.5, new BigDecimal("9223372036854775808"), new BigDecimal("1e400"), -1, true));
            case "boolean" -> values.addAll(List.of("true", 1));
            case "array" -> {
                values.addAll(List.of("x", List.of(12345), Arrays.asList((Object) null), List.of("\u0000")));
                int tooMany = schema.getMaxItems() == null ? 1000 : schema.getMaxItems() + 1;
                values.add(IntStream.range(0, tooMany).mapToObj(i -> "a" + i).toList());
            }
            default -> values.addAll(List.of("x", 1, List.of()));
        }
        return values;
    }

    /** A value the schema allows: its example, its first enum value, or one of the right type and format. */
    static JsonNode validValue(Schema<?> schema) {
        if (schema == null) {
            return MAPPER.getNodeFactory().textNode("fuzz");
        }
        if (schema.getExample() != null) {
            return MAPPER.valueToTree(schema.getExample());
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return MAPPER.valueToTree(schema.getEnum().get(0));
        }
        String type =
                Objects.requireNonNullElse(schema.getType(), schema.getProperties() == null ? "string" : "object");
        return switch (type) {
            case "integer", "number" -> MAPPER.valueToTree(schema.getMinimum() == null ? 1 : schema.getMinimum());
            case "boolean" -> MAPPER.getNodeFactory().booleanNode(true);
            case "array" -> MAPPER.createArrayNode();
            case "object" -> {
                ObjectNode node = MAPPER.createObjectNode();
                if (schema.getProperties() != null) {
                    schema.getProperties().forEach((name, property) -> node.set(name, validValue(property)));
                }
                yield node;
            }
            default -> MAPPER.getNodeFactory().textNode(validString(schema));
        };
    }

    private static String validString(Schema<?> schema) {
        String format = Objects.requireNonNullElse(schema.getFormat(), "");
        switch (format) {
            case "uuid":
                return UUID.randomUUID().toString();
            case "date-time":
                return Instant.now().toString();
            case "email":
                return "fuzz-" + UUID.randomUUID() + "@example.com";
            default:
                break;
        }
        if (schema.getPattern() != null) {
            Pattern pattern = Pattern.compile(schema.getPattern());
            return Stream.of("fuzz", UUID.randomUUID().toString(), "a", "0")
                    .filter(candidate -> pattern.matcher(candidate).find())
                    .findFirst()
                    .orElse("fuzz");
        }
        return "fuzz";
    }

    private static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String with(String json, String property, Object value) {
        try {
            ObjectNode node = (ObjectNode) MAPPER.readTree(json);
            node.set(property, MAPPER.valueToTree(value));
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String without(String json, String property) {
        try {
            ObjectNode node = (ObjectNode) MAPPER.readTree(json);
            node.remove(property);
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Parameter> parameters(Operation operation, String in) {
        return Objects.requireNonNullElse(operation.getParameters(), List.<Parameter>of()).stream()
                .filter(p -> in.equals(p.getIn()))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> roles(Operation operation) {
        Object roles = operation.getExtensions() == null
                ? null
                : operation.getExtensions().get("x-roles");
        return roles == null ? List.of() : List.copyOf((Collection<String>) roles);
    }

    /** A path segment or query value, percent-encoded. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String swapCase(String value) {
        String upper = value.toUpperCase(Locale.ROOT);
        return upper.equals(value) ? value.toLowerCase(Locale.ROOT) : upper;
    }

    static String abbreviate(String value, int length) {
        String shown = value == null ? "" : value.replaceAll("\\p{Cntrl}", "�");
        return shown.length() <= length ? shown : shown.substring(0, length) + "…(" + shown.length() + ")";
    }

    private static OpenAPI parse(String baseUrl) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        OpenAPI document = new OpenAPIV3Parser().read(baseUrl + "/v3/api-docs", null, options);
        if (document == null || document.getPaths() == null) {
            throw new AssertionError("No API document at " + baseUrl + "/v3/api-docs");
        }
        return document;
    }

    /** The accounts of {@code user-sync.security.accounts} in a dev-defaults file, with their plain passwords. */
    @SuppressWarnings("unchecked")
    static List<Account> devAccounts(String resource) {
        try (InputStream in = ContractFuzzer.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("No " + resource + " on the classpath");
            }
            Map<String, Object> yaml = new Yaml().load(in);
            Map<String, Object> security =
                    (Map<String, Object>) ((Map<String, Object>) yaml.get("user-sync")).get("security");
            return ((List<Map<String, Object>>) security.get("accounts"))
                    .stream()
                            .map(a -> new Account(
                                    (String) a.get("name"),
                                    ((String) a.get("password")).replaceFirst("^\\{noop}", ""),
                                    List.copyOf((List<String>) a.get("roles")),
                                    (String) a.get("tool")))
                            .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
