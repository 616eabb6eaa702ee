package com.example.usersync.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;

/**
 * Every reason either service gives for refusing a request: the {@code type} of its RFC 9457 problem
 * detail is {@code urn:user-sync:problem:} + the slug. The API documents list exactly these
 * (the shared {@code Problem} schema), so a client can switch on them; adding one is a contract change.
 */
public enum ProblemType {

    // Generic, by HTTP status: refusals by the framework, the servlet container or the security chain.
    BAD_REQUEST("bad-request", "Bad request", HttpStatus.BAD_REQUEST),
    UNAUTHORIZED("unauthorized", "Unauthorized", HttpStatus.UNAUTHORIZED),
    FORBIDDEN("forbidden", "Forbidden", HttpStatus.FORBIDDEN),
    NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    BODY_TOO_LARGE("body-too-large", "Payload too large", HttpStatus.PAYLOAD_TOO_LARGE),
    HEADERS_TOO_LARGE("headers-too-large", "Request headers too large", HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE),
    CLIENT_ERROR("client-error", "Request refused", null),
    INTERNAL_ERROR("internal-error", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR),
    DEPENDENCY_UNAVAILABLE("dependency-unavailable", "Dependency unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    SERVER_ERROR("server-error", "Server error", null),

    // Request shape, both services.
    INVALID_REQUEST("invalid-request", "Invalid request", HttpStatus.BAD_REQUEST),
    INVALID_PARAMETER("invalid-parameter", "Invalid parameter", HttpStatus.BAD_REQUEST),
    INVALID_CURSOR("invalid-cursor", "Invalid cursor", HttpStatus.BAD_REQUEST),
    UNREADABLE_BODY("unreadable-body", "Unreadable request body", HttpStatus.BAD_REQUEST),
    MISSING_REQUEST_HEADER("missing-request-header", "Request header required", HttpStatus.FORBIDDEN),
    CROSS_SITE_REQUEST("cross-site-request", "Cross-site request refused", HttpStatus.FORBIDDEN),
    TOO_MANY_FAILED_LOGINS("too-many-failed-logins", "Too many failed logins", HttpStatus.TOO_MANY_REQUESTS),

    // user-command.
    INVALID_IF_MATCH("invalid-if-match", "Invalid If-Match header", HttpStatus.BAD_REQUEST),
    UNKNOWN_USER("unknown-user", "Unknown user", HttpStatus.NOT_FOUND),
    UNKNOWN_SNAPSHOT_RUN("unknown-snapshot-run", "Unknown snapshot run", HttpStatus.NOT_FOUND),
    UNKNOWN_EXPORT("unknown-export", "Unknown export", HttpStatus.NOT_FOUND),
    USER_ERASED("user-erased", "User erased", HttpStatus.GONE),
    EMAIL_TAKEN("email-taken", "Email already in use", HttpStatus.CONFLICT),
    STALE_VERSION("stale-version", "Stale version", HttpStatus.PRECONDITION_FAILED),
    NOT_ERASED("not-erased", "User not deleted", HttpStatus.CONFLICT),
    UNKNOWN_DELETION("unknown-deletion", "Unknown deletion", HttpStatus.CONFLICT),
    CONCURRENT_MODIFICATION("concurrent-modification", "Concurrent modification", HttpStatus.CONFLICT),
    UNKNOWN_TOOL("unknown-tool", "Unknown tool", HttpStatus.NOT_FOUND),
    NOT_THIS_TOOL("not-this-tool", "Not this tool's account", HttpStatus.FORBIDDEN),
    EXPORTS_BUSY("exports-busy", "Exports busy", HttpStatus.SERVICE_UNAVAILABLE),
    EXPORT_FAILED("export-failed", "Export failed", HttpStatus.SERVICE_UNAVAILABLE),

    // user-projection.
    UNKNOWN_PROCESSOR("unknown-processor", "Unknown processor", HttpStatus.NOT_FOUND),
    EXTERNAL_TOOL("external-tool", "External tool", HttpStatus.CONFLICT),
    UNKNOWN_RECEIPT("unknown-receipt", "Unknown receipt", HttpStatus.NOT_FOUND),
    UNKNOWN_RECONCILIATION_RUN("unknown-reconciliation-run", "Unknown reconciliation run", HttpStatus.NOT_FOUND),
    NO_DEAD_LETTERS("no-dead-letters", "No dead letters", HttpStatus.NOT_FOUND),
    INVALID_ON_BEHALF_OF("invalid-on-behalf-of", "Invalid on-behalf-of", HttpStatus.BAD_REQUEST),
    INVALID_RESET("invalid-reset", "Invalid reset", HttpStatus.BAD_REQUEST),
    NO_SNAPSHOT_RUN("no-snapshot-run", "No snapshot run", HttpStatus.CONFLICT),
    PROCESSOR_CLAIMED("processor-claimed", "Processor claimed", HttpStatus.CONFLICT),
    POSITION_ALARM("position-alarm", "Position alarm", HttpStatus.CONFLICT),
    NO_POSITION_ALARM("no-position-alarm", "No position alarm", HttpStatus.CONFLICT),
    STORE_BEHIND_ALARM("store-behind-alarm", "Store behind alarm", HttpStatus.CONFLICT);

    public static final String URN_PREFIX = "urn:user-sync:problem:";

    private final String slug;
    private final String title;
    private final HttpStatus status;

    ProblemType(String slug, String title, HttpStatus status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    /** The generic type for a status the application did not choose a reason for. */
    public static ProblemType forStatus(HttpStatusCode status) {
        for (ProblemType type : values()) {
            if (type.status != null
                    && type.status.value() == status.value()
                    && type.ordinal() <= SERVER_ERROR.ordinal()) {
                return type;
            }
        }
        return status.is5xxServerError() ? SERVER_ERROR : CLIENT_ERROR;
    }

    public URI uri() {
        return URI.create(URN_PREFIX + slug);
    }

    public String title() {
        return title;
    }

    /** Its fixed status; {@code null} for the types whose status depends on the case. */
    public HttpStatus status() {
        return status;
    }

    /** A problem detail of this type with its own status. */
    public ProblemDetail problem(String detail) {
        if (status == null) {
            throw new IllegalStateException(this + " has no fixed status");
        }
        return problem(status, detail);
    }

    public ProblemDetail problem(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(uri());
        problem.setTitle(title);
        return problem;
    }
}
