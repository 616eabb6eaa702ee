package com.example.usersync.platform.api;

import com.example.usersync.platform.security.AccessRules;
import com.example.usersync.platform.web.ProblemType;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The OpenAPI document of a service, derived from its code: {@code info} from
 * {@code user-sync.api.*} and the build's version, the two security schemes, one {@code Problem}
 * schema whose {@code type} lists every {@link ProblemType}, each operation's roles from the
 * service's {@link AccessRules}, its own refusals from {@link Refusals}, and the refusals every
 * operation can give. Properties marked {@code @Nullable} are documented as nullable.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiDocumentation.ApiProperties.class)
public class ApiDocumentation {

    public static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    static final String PROBLEM_REF = "#/components/schemas/Problem";
    static final String BASIC = "basicAuth";
    static final String BEARER = "bearerAuth";

    /** What the document says about the service; {@code serverUrl} is where the embedded default listens. */
    @ConfigurationProperties("user-sync.api")
    public record ApiProperties(
            @DefaultValue("user-sync") String title,
            @DefaultValue("") String description,
            @DefaultValue("Proprietary") String license,
            @DefaultValue("http://localhost:8080") String serverUrl) {}

    @Bean
    OpenAPI apiDocument(ApiProperties properties, ObjectProvider<BuildProperties> build) {
        String version = Optional.ofNullable(build.getIfAvailable())
                .map(BuildProperties::getVersion)
                .orElse("unversioned");
        return new OpenAPI()
                .info(new Info()
                        .title(properties.title())
                        .version(version)
                        .description(properties.description())
                        .license(new License().name(properties.license())))
                .servers(List.of(
                        new Server().url(properties.serverUrl()).description("The embedded default (./run-local.sh)")))
                .components(new Components()
                        .addSecuritySchemes(
                                BASIC,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")
                                        .description(
                                                "An account of `user-sync.security.accounts` (the embedded default's dev accounts "
                                                        + "are listed in the README). With a JWT issuer configured, only the service accounts "
                                                        + "named in `user-sync.security.basic.allowed-accounts`."))
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description(
                                                "In production: a JWT of the configured issuer for this service's audience, "
                                                        + "with an expiry, carrying its roles in the configured roles claim."))
                        .addSchemas("Problem", problemSchema())
                        .responses(Arrays.stream(Common.values())
                                .collect(Collectors.toMap(
                                        common -> common.name, Common::definition, (a, b) -> a, TreeMap::new))))
                .security(List.of(new SecurityRequirement().addList(BASIC), new SecurityRequirement().addList(BEARER)));
    }

    private static Schema<?> problemSchema() {
        Schema<?> fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema().description("The request field or parameter."))
                .addProperty("message", new StringSchema().description("The rule it broke; never the submitted value."))
                .required(List.of("field", "message"));
        return new ObjectSchema()
                .description(
                        "An RFC 9457 problem detail. Details name the offending field or rule but never echo submitted values.")
                .addProperty(
                        "type",
                        new StringSchema()
                                ._enum(Arrays.stream(ProblemType.values())
                                        .map(t -> t.uri().toString())
                                        .toList())
                                .description("The reason code: what a client switches on."))
                .addProperty("title", new StringSchema().description("A short summary of the reason."))
                .addProperty(
                        "status",
                        new IntegerSchema()
                                .minimum(java.math.BigDecimal.valueOf(400))
                                .maximum(java.math.BigDecimal.valueOf(599)))
                .addProperty("detail", new StringSchema().description("What went wrong in this case."))
                .addProperty("instance", new StringSchema().description("The request path."))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .items(fieldError)
                                .description("`invalid-request`: each field that broke a rule."))
                .addProperty(
                        "currentVersion",
                        new IntegerSchema()
                                .format("int64")
                                .description("`stale-version` and others about a user: the user's current version."))
                .addProperty("reason", new StringSchema().description("`export-failed`: why the export failed."))
                .required(List.of("type", "title", "status"));
    }

    /** An operation's own refusals ({@link Refusals}), as problem responses with an example of each reason. */
    @Bean
    OperationCustomizer refusalResponses() {
        return (operation, handler) -> {
            Refusals refusals = handler.getMethodAnnotation(Refusals.class);
            if (refusals != null) {
                Map<Integer, List<ProblemType>> byStatus = Arrays.stream(refusals.value())
                        .collect(Collectors.groupingBy(
                                type -> type.status().value(), TreeMap::new, Collectors.toList()));
                byStatus.forEach(
                        (status, types) -> responses(operation).addApiResponse(String.valueOf(status), refusal(types)));
            }
            return operation;
        };
    }

    private static ApiResponse refusal(List<ProblemType> types) {
        MediaType media = problemMedia();
        types.forEach(type -> media.addExamples(slug(type), example(type)));
        return new ApiResponse()
                .description(types.stream()
                        .map(type -> "`" + slug(type) + "`: " + type.title())
                        .collect(Collectors.joining("; ")))
                .content(new Content().addMediaType(PROBLEM_JSON, media));
    }

    /**
     * For every operation: its roles (or that it is open) from the access rules, the refusals every
     * operation can give, and the problem body on every error response; responses in status order.
     */
    @Bean
    OpenApiCustomizer commonRefusalsAndRoles(ObjectProvider<AccessRules> accessRules) {
        return api -> {
            AccessRules rules = accessRules.getIfAvailable(AccessRules::new);
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths()
                    .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                        Optional<AccessRules.Rule> rule = rules.ruleFor(HttpMethod.valueOf(method.name()), path);
                        boolean open = rule.map(r -> r.roles().isEmpty()).orElse(false);
                        if (open) {
                            operation.setSecurity(List.of());
                        } else {
                            List<String> roles =
                                    rule.map(AccessRules.Rule::roles).orElse(List.of());
                            operation.addExtension("x-roles", roles);
                            operation.setDescription(Optional.ofNullable(operation.getDescription())
                                            .map(d -> d + "\n\n")
                                            .orElse("")
                                    + (roles.isEmpty()
                                            ? "No role may call it."
                                            : "Requires role "
                                                    + roles.stream()
                                                            .map(r -> "`" + r + "`")
                                                            .collect(Collectors.joining(" or "))
                                                    + "."));
                        }
                        addCommonRefusals(operation, path, open);
                        responses(operation).forEach((code, response) -> {
                            if (code.charAt(0) >= '4' && response.getContent() == null && response.get$ref() == null) {
                                response.setContent(new Content()
                                        .addMediaType(
                                                PROBLEM_JSON,
                                                problemMedia().example(exampleValue(Integer.parseInt(code)))));
                            }
                        });
                        sortResponses(operation);
                    }));
            if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
                api.getComponents().getSchemas().remove("ProblemDetail");
            }
            removeUnusedCommonRefusals(api);
            typeNullableReferences(api);
        };
    }

    /** The nullable references {@link #nullableProperties()} made, typed as linters require next to {@code nullable}. */
    private static void typeNullableReferences(OpenAPI api) {
        if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
            return;
        }
        for (Schema<?> schema : api.getComponents().getSchemas().values()) {
            if (schema.getProperties() != null) {
                for (Schema<?> property : schema.getProperties().values()) {
                    if (Boolean.TRUE.equals(property.getNullable())
                            && property.getAllOf() != null
                            && property.getType() == null) {
                        property.setType("object");
                    }
                }
            }
        }
    }

    /** A common refusal that every operation describing that status does in its own words is not listed again. */
    private static void removeUnusedCommonRefusals(OpenAPI api) {
        if (api.getComponents() == null || api.getComponents().getResponses() == null) {
            return;
        }
        java.util.Set<String> used = api.getPaths().values().stream()
                .flatMap(item -> item.readOperations().stream())
                .flatMap(operation -> responses(operation).values().stream())
                .map(ApiResponse::get$ref)
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        api.getComponents().getResponses().keySet().removeIf(name -> !used.contains("#/components/responses/" + name));
    }

    /** The refusals every operation can give, once in {@code components.responses}; operations refer to them. */
    private enum Common {
        BAD_REQUEST(
                400,
                "BadRequest",
                "`bad-request`, `invalid-parameter`, `invalid-request`, `unreadable-body`: "
                        + "a parameter, header or body that does not fit the operation."),
        UNAUTHORIZED(401, "Unauthorized", "`unauthorized`: no credentials, or wrong ones."),
        FORBIDDEN(
                403,
                "Forbidden",
                "`forbidden`: the caller's roles do not allow it; `missing-request-header`, "
                        + "`cross-site-request`: a state-changing request a browser could have forged."),
        NOT_FOUND(404, "NotFound", "`not-found`, or the operation's own `unknown-…` reason: no such resource."),
        NOT_ACCEPTABLE(406, "NotAcceptable", "`not-acceptable`: the Accept header excludes JSON."),
        BODY_TOO_LARGE(413, "BodyTooLarge", "`body-too-large`: the body is larger than the limit (64 KiB by default)."),
        UNSUPPORTED_MEDIA_TYPE(
                415,
                "UnsupportedMediaType",
                "`unsupported-media-type`: the body is not of a type the operation reads."),
        TOO_MANY_FAILED_LOGINS(
                429,
                "TooManyFailedLogins",
                "`too-many-failed-logins`: too many failed logins for this account or address; wait and retry."),
        INTERNAL_ERROR(
                500,
                "InternalError",
                "`internal-error`: a fault of the service; quote the `X-Correlation-Id` response header."),
        UNAVAILABLE(
                503,
                "Unavailable",
                "`dependency-unavailable`: a database or the other service is down or did not answer in time.");

        final int status;
        final String name;
        final String description;

        Common(int status, String name, String description) {
            this.status = status;
            this.name = name;
            this.description = description;
        }

        ApiResponse definition() {
            ApiResponse response = new ApiResponse()
                    .description(description)
                    .content(new Content()
                            .addMediaType(PROBLEM_JSON, problemMedia().example(exampleValue(status))));
            if (status == 503) {
                response.addHeaderObject(
                        "Retry-After",
                        new Header()
                                .description("Seconds to wait before retrying.")
                                .schema(new IntegerSchema()));
            }
            return response;
        }

        /** An operation's own refusals with this status: the common ones are still possible. */
        void addTo(ApiResponse own) {
            ApiResponse common = definition();
            own.setDescription(own.getDescription() + "; " + description);
            if (common.getHeaders() != null) {
                common.getHeaders().forEach((name, header) -> {
                    if (own.getHeaders() == null || !own.getHeaders().containsKey(name)) {
                        own.addHeaderObject(name, header);
                    }
                });
            }
            MediaType media = own.getContent() == null ? null : own.getContent().get(PROBLEM_JSON);
            if (media != null && media.getExamples() != null) {
                ProblemType type = ProblemType.forStatus(org.springframework.http.HttpStatusCode.valueOf(status));
                media.getExamples()
                        .putIfAbsent(
                                slug(type), new Example().summary(type.title()).value(exampleValue(type, status)));
            }
        }

        ApiResponse reference() {
            return new ApiResponse().$ref("#/components/responses/" + name);
        }
    }

    private static void addCommonRefusals(Operation operation, String path, boolean open) {
        ApiResponses responses = responses(operation);
        List<Common> common = new java.util.ArrayList<>(
                List.of(Common.BAD_REQUEST, Common.NOT_ACCEPTABLE, Common.INTERNAL_ERROR, Common.UNAVAILABLE));
        if (!open) {
            common.addAll(List.of(Common.UNAUTHORIZED, Common.FORBIDDEN, Common.TOO_MANY_FAILED_LOGINS));
        }
        if (path.contains("{")) {
            common.add(Common.NOT_FOUND);
        }
        if (operation.getRequestBody() != null) {
            common.addAll(List.of(Common.BODY_TOO_LARGE, Common.UNSUPPORTED_MEDIA_TYPE));
        }
        common.forEach(refusal -> {
            ApiResponse own = responses.get(String.valueOf(refusal.status));
            if (own == null) {
                responses.addApiResponse(String.valueOf(refusal.status), refusal.reference());
            } else if (own.get$ref() == null && refusal != Common.NOT_FOUND) {
                // The operation's own 404 reasons replace not-found; its other own refusals add to the common ones.
                refusal.addTo(own);
            }
        });
    }

    private static void sortResponses(Operation operation) {
        Map<String, ApiResponse> sorted = new LinkedHashMap<>();
        responses(operation).entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        ApiResponses responses = new ApiResponses();
        responses.putAll(sorted);
        operation.setResponses(responses);
    }

    private static ApiResponses responses(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        return operation.getResponses();
    }

    private static MediaType problemMedia() {
        return new MediaType().schema(new Schema<>().$ref(PROBLEM_REF));
    }

    private static Example example(ProblemType type) {
        return new Example().summary(type.title()).value(exampleValue(type));
    }

    private static Map<String, Object> exampleValue(ProblemType type) {
        return exampleValue(type, type.status().value());
    }

    /** The first reason with this status, or the generic one. */
    private static Map<String, Object> exampleValue(int status) {
        ProblemType type = Arrays.stream(ProblemType.values())
                .filter(t -> t.status() != null && t.status().value() == status)
                .findFirst()
                .orElse(ProblemType.forStatus(org.springframework.http.HttpStatusCode.valueOf(status)));
        return exampleValue(type, status);
    }

    private static Map<String, Object> exampleValue(ProblemType type, int status) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("type", type.uri().toString());
        value.put("title", type.title());
        value.put("status", status);
        value.put("detail", type.title() + ".");
        return value;
    }

    private static String slug(ProblemType type) {
        return type.uri().toString().substring(ProblemType.URN_PREFIX.length());
    }

    /**
     * Record components and fields marked {@code @Nullable} (any annotation of that name) are nullable in the document.
     * A reference to another schema cannot carry {@code nullable} (OpenAPI 3.0 ignores the siblings of {@code $ref}):
     * it becomes an object of {@code allOf} that one schema, nullable: the form linters and client generators read as a
     * nullable reference.
     */
    @Bean
    PropertyCustomizer nullableProperties() {
        return (schema, type) -> {
            Annotation[] annotations = type.getCtxAnnotations();
            if (annotations == null
                    || Arrays.stream(annotations)
                            .noneMatch(a -> a.annotationType().getSimpleName().equals("Nullable"))) {
                return schema;
            }
            String ref = schema.get$ref() != null
                    ? schema.get$ref()
                    : schema.getName() != null && schema.getProperties() != null
                            ? "#/components/schemas/" + schema.getName()
                            : null;
            if (ref == null) {
                schema.setNullable(true);
                return schema;
            }
            String description = Arrays.stream(annotations)
                    .filter(io.swagger.v3.oas.annotations.media.Schema.class::isInstance)
                    .map(a -> ((io.swagger.v3.oas.annotations.media.Schema) a).description())
                    .filter(d -> !d.isEmpty())
                    .findFirst()
                    .orElse(null);
            // Typed "object" once the models are resolved (typed here, the reference would be taken for the model
            // again).
            return new ComposedSchema()
                    .allOf(List.of(new Schema<>().$ref(ref)))
                    .nullable(true)
                    .description(description);
        };
    }
}
