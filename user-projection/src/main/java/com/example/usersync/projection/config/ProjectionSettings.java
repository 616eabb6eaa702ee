package com.example.usersync.projection.config;

import com.example.usersync.platform.startup.StartupSettings;
import com.example.usersync.platform.web.PeerService;
import com.example.usersync.platform.web.PeerTimeouts;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every setting of user-projection ({@code user-sync}), checked at start: a bad value stops the start
 * with a message naming it. Defaults are here, and only here; application.yml only points settings at
 * environment variables (a test holds it to that). The event store's datasource
 * ({@code user-sync.event-store.datasource}) is bound apart, as Spring's {@code DataSourceProperties};
 * the platform's settings under {@code user-sync} (master key, accounts, access log, …) are the platform's.
 *
 * @param nodeId            unique per instance in production (e.g. the pod name); empty: pid@host
 * @param tokenClaimTimeout a segment whose owner has not extended its claim for this long may be taken over
 *                          by another instance
 * @param balanceInterval   how often this instance records its heartbeat and releases segments above its
 *                          fair share
 * @param eventStore        reading the user service's event store
 * @param userService       where the user service is and the accounts this service calls it with
 * @param erasure           erasure receipts and the sweep of late rows
 * @param reconciliation    reconciliation of the tools against the user service
 * @param deadLetters       retries of dead-lettered events
 * @param positionGuard     the guard against tokens ahead of a restored event store
 * @param broker            the message broker external tools are fed through
 * @param externalTools     tools outside this service, by name: each gets its own processor that
 *                          publishes its minimised view of every event to the broker
 */
@Validated
@ConfigurationProperties("user-sync")
public record ProjectionSettings(
        @NotNull @Pattern(regexp = "[^\\p{Cntrl}]{0,200}", message = "must be at most 200 printable characters")
        String nodeId,

        @NotNull @DurationMin(millis = 1) @DefaultValue("10s")
        Duration tokenClaimTimeout,

        @NotNull @DurationMin(millis = 1) @DefaultValue("2s")
        Duration balanceInterval,

        @NotNull @DefaultValue EventStore eventStore,
        @NotNull UserService userService,
        @NotNull @DefaultValue Erasure erasure,
        @NotNull @DefaultValue Reconciliation reconciliation,
        @NotNull @DefaultValue DeadLetters deadLetters,
        @NotNull @DefaultValue PositionGuard positionGuard,
        @NotNull @DefaultValue Broker broker,
        @Valid Map<String, ExternalTool> externalTools) {

    public ProjectionSettings {
        externalTools = externalTools == null ? Map.of() : Map.copyOf(externalTools);
    }

    /** External tool names are processing-group names next to the in-process tools'. */
    @AssertTrue(message = "external-tools: names must match ^[a-z][a-z0-9-]{0,39}$")
    public boolean isExternalToolNamesValid() {
        return externalTools == null
                || externalTools.keySet().stream().allMatch(name -> name.matches("^[a-z][a-z0-9-]{0,39}$"));
    }

    /**
     * Reading the user service's event store ({@code user-sync.event-store}).
     *
     * @param pollInterval how often the store is polled for events the user service appended where no
     *     notification tells (H2, or PostgreSQL while the listening connection is down): bounds sync latency there
     * @param notifiedPollInterval how often the store is polled while PostgreSQL notifies every append: only an
     *     append whose notification was lost waits this long
     */
    public record EventStore(
            @NotNull @DurationMin(millis = 1) @DefaultValue("100ms")
            Duration pollInterval,

            @NotNull @DurationMin(millis = 1) @DefaultValue("1s")
            Duration notifiedPollInterval) {}

    /**
     * Where the user service is and the accounts this service calls it with ({@code user-sync.user-service}):
     * the keys of a {@link PeerService}, plus each tool's own account. The URL must be an absolute http(s)
     * URL; outside dev, {@link StartupSettings} also demands the accounts. A user service that is down or
     * hung fails a receipt delivery (retried), a reconciliation or a reset from a snapshot run (503) within
     * the timeouts instead of holding a thread forever.
     *
     * @param url            the user service's base URL
     * @param username       the shared tool-service account (bulk reads: reconciliation, snapshot runs)
     * @param password       its password
     * @param connectTimeout how long to wait for a connection to the user service
     * @param readTimeout    how long to wait for its answer
     * @param tools          each tool's own account, by tool name (erasure receipts)
     */
    public record UserService(
            @NotNull URI url,
            String username,
            String password,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("10s") Duration readTimeout,
            Map<String, ToolAccount> tools) {

        public UserService {
            PeerTimeouts.check("user-sync.user-service", connectTimeout, readTimeout);
            tools = tools == null ? Map.of() : Map.copyOf(tools);
        }

        /** The user service as the shared tool-service account calls it. */
        public PeerService peer() {
            return new PeerService(url, username, password, connectTimeout, readTimeout);
        }

        @AssertTrue(message = "url must be an absolute http or https URL, e.g. http://user-command:8080")
        public boolean isUrlHttp() {
            return peer().isUrlHttp();
        }

        /** Without the passwords. */
        @Override
        public String toString() {
            return "UserService[url=" + url + ", username=" + username + ", password="
                    + (password == null ? null : "[redacted]") + ", connectTimeout=" + connectTimeout
                    + ", readTimeout=" + readTimeout + ", tools=" + tools + "]";
        }
    }

    /**
     * A tool's own account at the user service ({@code user-sync.user-service.tools.<tool>}).
     *
     * @param username the tool's account
     * @param password its password
     */
    public record ToolAccount(String username, String password) {
        /** Without the password. */
        @Override
        public String toString() {
            return "ToolAccount[username=" + username + ", password=" + (password == null ? null : "[redacted]") + "]";
        }
    }

    /**
     * Erasure receipts and the sweep of late rows ({@code user-sync.erasure}).
     *
     * @param receiptInterval   how often the receipt outbox is scanned: bounds how soon a deletion is confirmed
     * @param receiptMaxBackoff the longest wait before a failed receipt is delivered again
     * @param sweepInterval     how often rows of recently erased users are swept
     * @param sweepWindow       how far back erasures are swept (an update still in flight in another segment
     *                          than the deletion can commit just after it)
     */
    public record Erasure(
            @NotNull @DurationMin(millis = 1) @DefaultValue("250ms")
            Duration receiptInterval,

            @NotNull @DurationMin(millis = 1) @DefaultValue("5m")
            Duration receiptMaxBackoff,

            @NotNull @DurationMin(millis = 1) @DefaultValue("1s")
            Duration sweepInterval,

            @NotNull @DurationMin(millis = 1) @DefaultValue("10m")
            Duration sweepWindow) {}

    /**
     * Reconciliation ({@code user-sync.reconciliation}). Runs go to the background (POST answers 202 and
     * the run's location).
     *
     * @param staleAfter a RUNNING run that recorded no progress (one page of rows) for this long is
     *                   failed, and a new run for its tool may start: its owner died or hangs
     * @param pageSize   tool rows compared per round, 1 to 10000 (each round reads the source after its rows)
     * @param cron       when every tool is reconciled on schedule (six fields, e.g. {@code 0 30 4 * * *});
     *                   {@code -} disables the schedule
     */
    public record Reconciliation(
            @NotNull @DurationMin(millis = 1) @DefaultValue("5m")
            Duration staleAfter,

            @Min(1) @Max(10000) @DefaultValue("1000") int pageSize,
            @NotNull @DefaultValue("-") String cron) {

        @AssertTrue(message = "cron must be a cron expression of six fields, or - to disable the schedule")
        public boolean isCronValid() {
            return cron == null
                    || ScheduledTaskRegistrar.CRON_DISABLED.equals(cron)
                    || CronExpression.isValidExpression(cron);
        }
    }

    /**
     * Retries of dead-lettered events ({@code user-sync.dead-letters}): a letter waits
     * {@code initial-backoff}, doubled per retry up to {@code max-backoff}.
     *
     * @param retryInterval  how often due letters are looked for
     * @param initialBackoff the wait before the first retry, doubled on each further one
     * @param maxBackoff     the longest wait between two retries
     * @param maxAttempts    attempts after which a letter is parked (retried only on request), at least 1
     */
    public record DeadLetters(
            @NotNull @DurationMin(millis = 1) @DefaultValue("1s")
            Duration retryInterval,

            @NotNull @DurationMin(millis = 1) @DefaultValue("1s")
            Duration initialBackoff,

            @NotNull @DurationMin(millis = 1) @DefaultValue("5m")
            Duration maxBackoff,

            @Min(1) @DefaultValue("8") int maxAttempts) {}

    /**
     * The position guard ({@code user-sync.position-guard}).
     *
     * @param interval how often every tool's tokens are compared with the event store's head (ahead: a
     *                 restored store)
     */
    public record PositionGuard(
            @NotNull @DurationMin(millis = 1) @DefaultValue("1s")
            Duration interval) {}

    /**
     * The message broker ({@code user-sync.broker}); connected only when an external tool is declared.
     *
     * @param type           {@code rabbitmq} (through Spring AMQP) or {@code kafka} (through the Kafka client)
     * @param uri            RabbitMQ: {@code amqp://user:password@host:port/vhost}
     * @param kafka          Kafka: its bootstrap servers and any further producer properties
     * @param confirmTimeout how long a batch waits for the broker's confirms (RabbitMQ's publisher
     *                       confirms, Kafka's acknowledgements of all in-sync replicas) before it fails (and
     *                       is retried: the tool's token does not advance)
     */
    public record Broker(
            @NotNull @DefaultValue("rabbitmq") Type type,

            @NotNull @DefaultValue("amqp://guest:guest@127.0.0.1:5672")
            URI uri,

            @NotNull @DefaultValue Kafka kafka,

            @NotNull @DurationMin(millis = 1) @DurationMax(minutes = 10) @DefaultValue("10s")
            Duration confirmTimeout) {

        public enum Type {
            RABBITMQ,
            KAFKA
        }

        @AssertTrue(message = "kafka.bootstrap-servers is required with type kafka")
        public boolean isKafkaComplete() {
            return type != Type.KAFKA
                    || (kafka != null && !kafka.bootstrapServers().isBlank());
        }

        /** Without the password, and without the Kafka properties' values (credentials may be among them). */
        @Override
        public String toString() {
            String where = uri == null ? null : uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
            return "Broker[type=" + type + ", uri=" + where + ", kafka=" + kafka + ", confirmTimeout=" + confirmTimeout
                    + "]";
        }
    }

    /**
     * Kafka ({@code user-sync.broker.kafka}), with {@code user-sync.broker.type=kafka}.
     *
     * @param bootstrapServers {@code host:port,host:port}
     * @param properties       further producer properties (security, SASL, …); none that would weaken the
     *                         delivery settings (acks, idempotence, retries, partitioning, ordering)
     */
    public record Kafka(@NotNull @DefaultValue("") String bootstrapServers, Map<String, String> properties) {

        /** Producer properties that would break per-user order or at-least-once delivery. */
        static final Set<String> REFUSED_PROPERTIES = Set.of(
                "acks",
                "enable.idempotence",
                "retries",
                "max.in.flight.requests.per.connection",
                "partitioner.class",
                "partitioner.ignore.keys",
                "transactional.id",
                "key.serializer",
                "value.serializer");

        public Kafka {
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }

        @AssertTrue(
                message = "properties must not set acks, enable.idempotence, retries, max.in.flight.requests.per."
                        + "connection, partitioner.class, partitioner.ignore.keys, transactional.id or the "
                        + "serializers: the publisher sets them for order and delivery")
        public boolean isDeliveryKept() {
            return properties.keySet().stream().noneMatch(REFUSED_PROPERTIES::contains);
        }

        /** The property names only: their values may be credentials. */
        @Override
        public String toString() {
            return "Kafka[bootstrapServers=" + bootstrapServers + ", properties=" + new TreeSet<>(properties.keySet())
                    + "]";
        }
    }

    /**
     * A tool outside this service ({@code user-sync.external-tools.<tool>}): the fields of its minimised
     * view, and where its messages go.
     *
     * @param fields     the view's fields, a subset of {@link #VIEW_FIELDS}: nothing else is ever published
     *                   (the user id always is: a tool cannot apply a change or a deletion without it)
     * @param exchange   the topic exchange its messages are published to (declared durable)
     * @param partitions how many partitions (routing keys {@code 0}..{@code partitions-1}) users are spread
     *                   over; all of one user's events share one, in version order
     * @param allUsers   whether the tool gets the view of every user; by default only of the users entitled to
     *                   it (the tool's name among their tools), the others' events reach it as
     *                   {@code UserNotEntitled} with the user id alone, so it drops what it held
     */
    public record ExternalTool(
            @NotEmpty List<@NotNull String> fields,

            @NotNull @Pattern(regexp = "^[A-Za-z0-9._-]{1,200}$")
            String exchange,

            @Min(1) @Max(1024) @DefaultValue("16") int partitions,

            @DefaultValue("false") boolean allUsers) {

        public static final List<String> VIEW_FIELDS =
                List.of("userId", "email", "displayName", "locale", "timeZone", "plan", "tools");

        @AssertTrue(message = "fields must be among userId, email, displayName, locale, timeZone, plan, tools")
        public boolean isFieldsKnown() {
            return fields == null || VIEW_FIELDS.containsAll(fields);
        }
    }
}
