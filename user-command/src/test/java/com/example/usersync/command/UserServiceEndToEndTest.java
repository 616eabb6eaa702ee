package com.example.usersync.command;

import com.example.usersync.command.eventstore.StoredEvents;
import com.example.usersync.testing.ApiDocument;
import com.example.usersync.testing.Http;
import com.example.usersync.testing.Smoke;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user service over real HTTP against a real database. Subclasses choose the database
 * (embedded H2, PostgreSQL); the behaviour must be the same.
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class UserServiceEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    StoredEvents storedEvents;

    Http http;

    @BeforeEach
    void client() {
        http = Http.withDevAccounts("http://localhost:" + port);
    }

    @Smoke
    @Test
    void servesTheCommittedApiDocument() {
        ApiDocument.assertMatchesCommitted("http://localhost:" + port, "user-command");
    }

    static String registration(String email) {
        return """
                {"email":"%s","displayName":"Grace Hopper","locale":"en-us","timeZone":"America/New_York",
                 "plan":"TEAM","tools":["mailing","billing"]}""".formatted(email);
    }

    static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    String register(String email) {
        Http.Response created = http.post("/api/users", registration(email));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    int eventCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Integer.class);
    }

    @Smoke
    @Test
    void registeringAUserAnswersCreatedWithLocationAndVersionZero() {
        Http.Response created = http.post("/api/users", registration(uniqueEmail()));

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.header("Location")).endsWith("/api/users/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        assertThat(created.json().get("version").asLong()).isZero();
    }

    @Test
    void aUserIsReadableRightAfterEachCommand() {
        String email = uniqueEmail();
        String id = register(email);

        Http.Response read = http.get("/api/users/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"0\"");
        assertThat(read.json().get("email").asText()).isEqualTo(email);
        assertThat(read.json().get("locale").asText()).isEqualTo("en-US");
        assertThat(read.json().get("tools")).extracting(JsonNode::asText).containsExactly("billing", "mailing");

        assertThat(http.patch("/api/users/" + id, "{\"displayName\":\"Rear Admiral Hopper\"}")
                        .status())
                .isEqualTo(200);
        Http.Response afterPatch = http.get("/api/users/" + id);
        assertThat(afterPatch.json().get("displayName").asText()).isEqualTo("Rear Admiral Hopper");
        assertThat(afterPatch.header("ETag")).isEqualTo("\"1\"");

        Http.Response access =
                http.put("/api/users/" + id + "/access", "{\"plan\":\"ENTERPRISE\",\"tools\":[\"analytics\"]}");
        assertThat(access.status()).isEqualTo(200);
        assertThat(access.header("ETag")).isEqualTo("\"2\"");
        Http.Response afterPut = http.get("/api/users/" + id);
        assertThat(afterPut.json().get("plan").asText()).isEqualTo("ENTERPRISE");
        assertThat(afterPut.json().get("tools")).extracting(JsonNode::asText).containsExactly("analytics");
    }

    @Smoke
    @Test
    void theEventHistoryShowsEveryVersionWithItsMetadata() {
        String id = register(uniqueEmail());
        http.patch("/api/users/" + id, "{\"timeZone\":\"Europe/Berlin\"}", "X-Correlation-Id", "ticket-4711");
        http.put("/api/users/" + id + "/access", "{\"plan\":\"FREE\",\"tools\":[]}");
        Http.Response deleted = http.delete(
                "/api/users/" + id, "{\"reason\":\"DATA_SUBJECT_REQUEST\",\"requestedBy\":\"DATA_SUBJECT\"}");
        assertThat(deleted.status()).isEqualTo(202);

        Http.Response history = http.get("/api/users/" + id + "/events");

        assertThat(history.status()).isEqualTo(200);
        JsonNode events = history.json();
        assertThat(events)
                .extracting(e -> e.get("type").asText())
                .containsExactly("UserRegistered", "UserProfileChanged", "UserAccessChanged", "UserDeleted");
        assertThat(events).extracting(e -> e.get("version").asLong()).containsExactly(0L, 1L, 2L, 3L);
        Set<String> eventIds = new HashSet<>();
        for (JsonNode event : events) {
            JsonNode metadata = event.get("metadata");
            assertThat(metadata.get("actor").asText()).isEqualTo("admin");
            assertThat(metadata.get("sourceService").asText()).isEqualTo("user-command");
            assertThat(metadata.get("correlationId").asText()).isNotBlank();
            assertThat(metadata.get("causationId").asText())
                    .isNotBlank()
                    .isNotEqualTo(event.get("eventId").asText());
            assertThat(event.get("timestamp").asText()).isNotBlank();
            assertThat(event.get("revision").asText()).isEqualTo("1");
            eventIds.add(event.get("eventId").asText());
        }
        assertThat(eventIds).hasSize(4);
        assertThat(events.get(1).get("metadata").get("correlationId").asText()).isEqualTo("ticket-4711");
        assertThat(events.get(1).get("payload").get("changedFields"))
                .extracting(JsonNode::asText)
                .containsExactly("TIME_ZONE");
        assertThat(events.get(1).get("payload").get("profile").get("timeZone").asText())
                .isEqualTo("Europe/Berlin");
        assertThat(events.get(3).get("payload").get("reason").asText()).isEqualTo("DATA_SUBJECT_REQUEST");
    }

    @Test
    void theCorrelationIdOfTheRequestIsEchoedAndGeneratedWhenAbsent() {
        Http.Response given = http.post("/api/users", registration(uniqueEmail()), "X-Correlation-Id", "abc-123");
        Http.Response generated = http.post("/api/users", registration(uniqueEmail()));

        assertThat(given.header("X-Correlation-Id")).isEqualTo("abc-123");
        assertThat(UUID.fromString(generated.header("X-Correlation-Id"))).isNotNull();
        JsonNode firstEvent = http.get("/api/users/" + given.json().get("id").asText() + "/events")
                .json()
                .get(0);
        assertThat(firstEvent.get("metadata").get("correlationId").asText()).isEqualTo("abc-123");
    }

    @Smoke
    @Test
    void aStaleIfMatchIsRefusedWithoutAppendingAnEvent() {
        String id = register(uniqueEmail());
        assertThat(http.patch("/api/users/" + id, "{\"displayName\":\"A\"}", "If-Match", "\"0\"")
                        .status())
                .isEqualTo(200);
        int before = eventCount();

        Http.Response stale = http.patch("/api/users/" + id, "{\"displayName\":\"B\"}", "If-Match", "\"0\"");

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("currentVersion").asLong()).isEqualTo(1);
        assertThat(eventCount()).isEqualTo(before);
        assertThat(http.put("/api/users/" + id + "/access", "{\"plan\":\"FREE\",\"tools\":[]}", "If-Match", "\"1\"")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aDuplicateEmailInAnyCaseIsRefusedWithoutAppendingAnEvent() {
        String email = uniqueEmail();
        register(email);
        String other = register(uniqueEmail());
        int before = eventCount();

        Http.Response duplicate = http.post("/api/users", registration(email.toUpperCase()));
        Http.Response takenByChange = http.patch("/api/users/" + other, "{\"email\":\"" + email + "\"}");

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(takenByChange.status()).isEqualTo(409);
        assertThat(duplicate.header("Content-Type")).startsWith("application/problem+json");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void concurrentRegistrationsOfOneEmailLetExactlyOneSucceed() {
        String email = uniqueEmail();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> attempts = new ArrayList<>();
        IntStream.range(0, 6)
                .forEach(i -> attempts.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return http.post("/api/users", registration(email)).status();
                })));
        start.countDown();

        List<Integer> statuses = attempts.stream().map(CompletableFuture::join).toList();

        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM user_email WHERE email_key = ?", Integer.class, emailKey(email)))
                .isOne();
    }

    @Test
    void anEmailIsFreeAgainOnceItsUserIsDeleted() {
        String email = uniqueEmail();
        String id = register(email);
        http.delete("/api/users/" + id, "{\"reason\":\"ACCOUNT_CLOSED\",\"requestedBy\":\"CUSTOMER_SUPPORT\"}");

        assertThat(http.post("/api/users", registration(email)).status()).isEqualTo(201);
    }

    @Test
    void badInputGetsAProblemDetailAndAppendsNothing() {
        String id = register(uniqueEmail());
        int before = eventCount();

        List<Http.Response> refused = List.of(
                http.post("/api/users", "{not json"),
                http.post("/api/users", "{\"displayName\":\"No Email\",\"locale\":\"en\"}"),
                http.post("/api/users", registration("not-an-email")),
                http.post("/api/users", registration(uniqueEmail()).replace("en-us", "not a tag!")),
                http.post("/api/users", registration(uniqueEmail()).replace("America/New_York", "Mars/Olympus")),
                http.post("/api/users", registration(uniqueEmail()).replace("Grace Hopper", "x".repeat(101))),
                http.post("/api/users", registration(uniqueEmail()).replace("\"plan\"", "\"role\":\"admin\",\"plan\"")),
                http.post("/api/users", registration(uniqueEmail()).replace("TEAM", "PLATINUM")),
                http.post("/api/users", registration(uniqueEmail()).replace("mailing", "Mailing Tool")),
                http.send("POST", "/api/users", registration(uniqueEmail()), "text/plain"),
                http.patch("/api/users/" + id, "{}"),
                http.patch("/api/users/" + id, "{\"displayName\":\"   \"}"),
                http.patch("/api/users/" + id, "{\"displayName\":\"X\"}", "If-Match", "version-three"),
                http.put("/api/users/" + id + "/access", "{\"plan\":\"FREE\"}"),
                http.delete(
                        "/api/users/" + id, "{\"reason\":\"I just felt like it\",\"requestedBy\":\"DATA_SUBJECT\"}"),
                http.get("/api/users/not-a-uuid"));

        assertThat(refused).allSatisfy(response -> {
            assertThat(response.status()).as(response.body()).isBetween(400, 415);
            assertThat(response.header("Content-Type")).as(response.body()).startsWith("application/problem+json");
            assertThat(response.json().get("detail").asText())
                    .as(response.body())
                    .isNotBlank();
            assertThat(response.body()).doesNotContain("Exception", "com.example", "org.springframework", "java.");
        });
        assertThat(refused.get(9).status()).isEqualTo(415);
        assertThat(refused.get(6).json().get("detail").asText()).contains("role");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void unknownUsersAreNotFoundAndDeletedUsersAreGone() {
        String unknown = UUID.randomUUID().toString();
        assertThat(http.get("/api/users/" + unknown).status()).isEqualTo(404);
        assertThat(http.get("/api/users/" + unknown + "/events").status()).isEqualTo(404);
        assertThat(http.patch("/api/users/" + unknown, "{\"displayName\":\"X\"}")
                        .status())
                .isEqualTo(404);
        assertThat(http.put("/api/users/" + unknown + "/access", "{\"plan\":\"FREE\",\"tools\":[]}")
                        .status())
                .isEqualTo(404);

        String id = register(uniqueEmail());
        http.delete("/api/users/" + id, "{\"reason\":\"DATA_SUBJECT_REQUEST\",\"requestedBy\":\"DATA_SUBJECT\"}");
        int before = eventCount();

        assertThat(http.get("/api/users/" + id).status()).isEqualTo(410);
        assertThat(http.patch("/api/users/" + id, "{\"displayName\":\"X\"}").status())
                .isEqualTo(410);
        assertThat(http.put("/api/users/" + id + "/access", "{\"plan\":\"FREE\",\"tools\":[]}")
                        .status())
                .isEqualTo(410);
        assertThat(http.delete(
                                "/api/users/" + id,
                                "{\"reason\":\"DATA_SUBJECT_REQUEST\",\"requestedBy\":\"DATA_SUBJECT\"}")
                        .status())
                .isEqualTo(410);
        assertThat(eventCount()).isEqualTo(before);
        assertThat(http.get("/api/users/" + id + "/events").status()).isEqualTo(200);
    }

    @Test
    void theDirectoryKeepsNoPersonalDataOfADeletedUser() {
        String email = uniqueEmail();
        String id = register(email);
        http.delete("/api/users/" + id, "{\"reason\":\"DATA_SUBJECT_REQUEST\",\"requestedBy\":\"DATA_SUBJECT\"}");

        var row = jdbc.queryForMap("SELECT * FROM user_directory WHERE user_id = ?", UUID.fromString(id));
        assertThat(row.get("status")).isEqualTo("ERASED");
        assertThat(row.get("email")).isNull();
        assertThat(row.get("display_name")).isNull();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM user_email WHERE user_id = ?", Integer.class, UUID.fromString(id)))
                .isZero();
    }

    @Smoke
    @Test
    void personalDataIsStoredEncryptedAndReadableOnlyWhileTheUsersKeyExists() {
        String email = uniqueEmail();
        String id = register(email);
        http.patch("/api/users/" + id, "{\"displayName\":\"Grace Brewster Murray Hopper\"}");

        List<byte[]> stored = jdbc.queryForList(
                "SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ?", byte[].class, id);
        assertThat(stored)
                .hasSize(2)
                .allSatisfy(payload -> assertThat(new String(payload))
                        .contains("pd:v1:" + id)
                        .doesNotContain(email, "Grace Hopper", "Grace Brewster"));
        JsonNode before = http.get("/api/users/" + id + "/events").json();
        assertThat(before.get(0).get("payload").get("profile").get("email").asText())
                .isEqualTo(email);
        assertThat(before.get(1)
                        .get("payload")
                        .get("profile")
                        .get("displayName")
                        .asText())
                .isEqualTo("Grace Brewster Murray Hopper");
        assertThat(before.get(0).get("personalDataErased").asBoolean()).isFalse();

        http.delete("/api/users/" + id, "{\"reason\":\"DATA_SUBJECT_REQUEST\",\"requestedBy\":\"DATA_SUBJECT\"}");

        JsonNode after = http.get("/api/users/" + id + "/events").json();
        assertThat(after).hasSize(3);
        for (int i = 0; i < 2; i++) {
            JsonNode profile = after.get(i).get("payload").get("profile");
            assertThat(profile.get("email").isNull())
                    .as("erased data is absent, not a placeholder")
                    .isTrue();
            assertThat(profile.get("displayName").isNull()).isTrue();
            assertThat(profile.get("locale").asText()).isEqualTo("en-US");
            assertThat(after.get(i).get("personalDataErased").asBoolean()).isTrue();
        }
        var key = jdbc.queryForMap("SELECT wrapped_key, destroyed_at FROM subject_key WHERE subject_id = ?", id);
        assertThat(key.get("wrapped_key")).isNull();
        assertThat(key.get("destroyed_at")).isNotNull();
    }

    /** A tool's own dev account: only it may deliver the tool's erasure receipts. */
    Http tool(String tool) {
        return new Http("http://localhost:" + port).as("tool-" + tool, "dev-tool-" + tool);
    }

    String receipt(String tool, String deletionEventId) {
        return "{\"tool\":\"" + tool + "\",\"deletionEventId\":\"" + deletionEventId + "\",\"erasedAt\":\""
                + java.time.Instant.now() + "\"}";
    }

    @Smoke
    @Test
    void anErasureStaysPendingUntilEveryRequiredToolHasConfirmedIt() {
        String id = register(uniqueEmail());
        assertThat(tool("billing")
                        .post(
                                "/api/erasures/" + id + "/confirmations",
                                receipt("billing", UUID.randomUUID().toString()))
                        .status())
                .as("nothing to confirm before the deletion")
                .isEqualTo(409);
        http.delete("/api/users/" + id, "{\"reason\":\"CONSENT_WITHDRAWN\",\"requestedBy\":\"PRIVACY_OFFICE\"}");
        String deletionEventId = http.get("/api/users/" + id + "/events")
                .json()
                .get(1)
                .get("eventId")
                .asText();

        JsonNode pending = http.get("/api/erasures/" + id).json();
        assertThat(pending.get("complete").asBoolean()).isFalse();
        assertThat(pending.get("reason").asText()).isEqualTo("CONSENT_WITHDRAWN");
        assertThat(pending.get("requestedBy").asText()).isEqualTo("PRIVACY_OFFICE");
        assertThat(pending.get("actor").asText()).isEqualTo("admin");
        assertThat(pending.get("deletionEventId").asText()).isEqualTo(deletionEventId);
        assertThat(pending.get("pendingTools"))
                .extracting(JsonNode::asText)
                .containsExactly("analytics", "billing", "mailing");
        assertThat(pending.get("overdue").asBoolean()).isFalse();
        assertThat(http.get("/api/erasures?status=pending").json())
                .extracting(e -> e.get("userId").asText())
                .contains(id);

        assertThat(tool("billing")
                        .post(
                                "/api/erasures/" + id + "/confirmations",
                                receipt("billing", UUID.randomUUID().toString()))
                        .status())
                .as("a receipt for another deletion")
                .isEqualTo(409);
        for (String tool : List.of("billing", "mailing", "analytics")) {
            assertThat(tool(tool)
                            .post("/api/erasures/" + id + "/confirmations", receipt(tool, deletionEventId))
                            .status())
                    .isEqualTo(200);
        }
        int events = eventCount();
        assertThat(tool("billing")
                        .post("/api/erasures/" + id + "/confirmations", receipt("billing", deletionEventId))
                        .status())
                .as("a repeated receipt is acknowledged")
                .isEqualTo(200);
        assertThat(eventCount()).as("and changes nothing").isEqualTo(events);

        JsonNode complete = http.get("/api/erasures/" + id).json();
        assertThat(complete.get("complete").asBoolean()).isTrue();
        assertThat(complete.get("confirmations"))
                .extracting(c -> c.get("tool").asText())
                .containsExactly("analytics", "billing", "mailing");
        assertThat(http.get("/api/erasures?status=pending").json())
                .extracting(e -> e.get("userId").asText())
                .doesNotContain(id);
        assertThat(http.get("/api/erasures?status=complete").json())
                .extracting(e -> e.get("userId").asText())
                .contains(id);
        JsonNode history = http.get("/api/users/" + id + "/events").json();
        assertThat(history).hasSize(5);
        for (int i = 2; i < 5; i++) {
            assertThat(history.get(i).get("type").asText()).isEqualTo("UserErasureConfirmed");
            assertThat(history.get(i).get("metadata").get("causationId").asText())
                    .isEqualTo(deletionEventId);
        }
        assertThat(http.get("/api/erasures/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(tool("billing")
                        .post("/api/erasures/" + id + "/confirmations", "{\"tool\":\"Bad Tool\"}")
                        .status())
                .isEqualTo(400);
    }

    @Smoke
    @Test
    void bulkReadsPageThroughChangesWithAStableCursorAndShowErasedUsersWithoutPersonalData() {
        java.time.Instant since = java.time.Instant.now();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(register(uniqueEmail()));
        }
        http.delete(
                "/api/users/" + ids.get(1), "{\"reason\":\"DATA_SUBJECT_REQUEST\",\"requestedBy\":\"DATA_SUBJECT\"}");

        List<JsonNode> seen = new ArrayList<>();
        String cursor = null;
        do {
            Http.Response page =
                    http.get("/api/users?limit=2&updatedSince=" + since + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("items").forEach(seen::add);
            // Consistent with a position in the log: never past the head (other tests' rollbacks may hold it lower).
            assertThat(page.json().get("position").asLong())
                    .isPositive()
                    .isLessThanOrEqualTo(storedEvents.headPosition());
            cursor = page.json().get("nextCursor").isNull()
                    ? null
                    : page.json().get("nextCursor").asText();
        } while (cursor != null);

        assertThat(seen).extracting(item -> item.get("id").asText()).containsExactlyInAnyOrderElementsOf(ids);
        JsonNode erased = seen.stream()
                .filter(item -> item.get("id").asText().equals(ids.get(1)))
                .findFirst()
                .orElseThrow();
        assertThat(erased.get("status").asText()).isEqualTo("ERASED");
        assertThat(erased.get("user").isNull()).isTrue();
        assertThat(erased.get("version").asLong()).isOne();
        JsonNode byIds = http.get("/api/users?ids=" + ids.get(0) + "," + ids.get(2))
                .json()
                .get("items");
        assertThat(byIds)
                .extracting(item -> item.get("user").get("id").asText())
                .containsExactlyInAnyOrder(ids.get(0), ids.get(2));
        assertThat(http.get("/api/users?cursor=not-a-cursor").status()).isEqualTo(400);
    }

    @Test
    void theChecksumListingChangesWithContentAndHidesErasedContent() {
        String id = register(uniqueEmail());
        String before = checksumOf(id).get("hash").asText();
        http.patch("/api/users/" + id, "{\"locale\":\"fr\"}");
        JsonNode changed = checksumOf(id);
        http.delete("/api/users/" + id, "{\"reason\":\"DATA_SUBJECT_REQUEST\",\"requestedBy\":\"DATA_SUBJECT\"}");
        JsonNode erased = checksumOf(id);

        assertThat(changed.get("hash").asText()).isNotEqualTo(before).hasSize(64);
        assertThat(changed.get("version").asLong()).isOne();
        assertThat(erased.get("status").asText()).isEqualTo("ERASED");
        assertThat(erased.get("hash").asText()).isNotEqualTo(changed.get("hash").asText());
    }

    JsonNode checksumOf(String id) {
        String after = null;
        do {
            JsonNode page = http.get("/api/users/checksums?limit=1000" + (after == null ? "" : "&after=" + after))
                    .json();
            for (JsonNode item : page.get("items")) {
                if (item.get("id").asText().equals(id)) {
                    return item;
                }
            }
            after = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asText();
        } while (after != null);
        throw new AssertionError("No checksum for " + id);
    }

    @Smoke
    @Test
    void theServiceExposesHealthMetricsAndItsApiDescription() {
        assertThat(http.get("/actuator/health").status()).isEqualTo(200);
        assertThat(http.get("/actuator/prometheus").status()).isEqualTo(200);
        Http.Response openApi = http.get("/v3/api-docs");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().get("paths").has("/api/users/{id}/events")).isTrue();
    }

    @Value("${user-sync.master-key}")
    String masterKey;

    /** The email claim key, computed independently: HMAC-SHA256 of the normalized address, keyed from the master key. */
    String emailKey(String email) {
        try {
            javax.crypto.Mac derive = javax.crypto.Mac.getInstance("HmacSHA256");
            derive.init(new javax.crypto.spec.SecretKeySpec(
                    java.util.Base64.getDecoder().decode(masterKey), "HmacSHA256"));
            byte[] lookupKey =
                    derive.doFinal("user-sync/email-lookup/v1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(lookupKey, "HmacSHA256"));
            return java.util.HexFormat.of()
                    .formatHex(mac.doFinal(email.trim()
                            .toLowerCase(java.util.Locale.ROOT)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String registration(String email, String displayName) {
        return """
                {"email":"%s","displayName":"%s","locale":"en","plan":"TEAM","tools":["mailing"]}""".formatted(email, displayName);
    }

    @Smoke
    @Test
    void theEventStoreDatabaseHoldsNoPlaintextEmailOrNameAndEmailClaimsAreKeyedHashes() {
        String email = uniqueEmail();
        String name = "Plain Text " + UUID.randomUUID().toString().substring(0, 8);
        Http.Response created = http.post("/api/users", registration(email, name));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();

        assertThat(EventStoreBackup.plaintextFindings(jdbc, email, name)).isEmpty();
        var row = jdbc.queryForMap(
                "SELECT email, display_name FROM user_directory WHERE user_id = ?", UUID.fromString(id));
        assertThat(row.values())
                .allSatisfy(value -> assertThat(value.toString()).startsWith("pd:v1:" + id + ":"));
        assertThat(jdbc.queryForObject(
                        "SELECT email_key FROM user_email WHERE user_id = ?", String.class, UUID.fromString(id)))
                .isEqualTo(emailKey(email))
                .matches("[0-9a-f]{64}");
        Http.Response read = http.get("/api/users/" + id);
        assertThat(read.json().get("email").asText()).isEqualTo(email);
        assertThat(read.json().get("displayName").asText()).isEqualTo(name);
        assertThat(http.post("/api/users", registration(email.toUpperCase(), "Other"))
                        .status())
                .as("uniqueness still ignores case")
                .isEqualTo(409);
        JsonNode checksum = checksumOf(id);
        assertThat(checksum.get("hash").asText())
                .as("the checksum hashes the plaintext content")
                .isEqualTo(sha256(String.join(
                        "\n",
                        email,
                        name,
                        read.json().get("locale").asText(),
                        read.json().get("timeZone").isNull()
                                ? "null"
                                : read.json().get("timeZone").asText(),
                        "TEAM",
                        "mailing")));
    }

    static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anErasureOutlivesARestoreOfTheEventStoreFromABackupTakenBeforeIt() {
        String email = uniqueEmail();
        String name = "Restored Person " + UUID.randomUUID().toString().substring(0, 8);
        String laterEmail = uniqueEmail();
        String laterName = "Later Person " + UUID.randomUUID().toString().substring(0, 8);
        String[] personalData = {email, name, laterEmail, laterName};
        String id = http.post("/api/users", registration(email, name))
                .json()
                .get("id")
                .asText();
        EventStoreBackup backup = EventStoreBackup.take(jdbc);
        String later = http.post("/api/users", registration(laterEmail, laterName))
                .json()
                .get("id")
                .asText();
        assertThat(EventStoreBackup.plaintextFindings(jdbc, personalData)).isEmpty();

        assertThat(http.delete(
                                "/api/users/" + id,
                                "{\"reason\":\"DATA_SUBJECT_REQUEST\",\"requestedBy\":\"DATA_SUBJECT\"}")
                        .status())
                .isEqualTo(202);
        assertThat(http.delete(
                                "/api/users/" + later,
                                "{\"reason\":\"ACCOUNT_CLOSED\",\"requestedBy\":\"CUSTOMER_SUPPORT\"}")
                        .status())
                .isEqualTo(202);
        String deletionEventId = http.get("/api/users/" + id + "/events")
                .json()
                .get(1)
                .get("eventId")
                .asText();
        assertThat(EventStoreBackup.plaintextFindings(jdbc, personalData)).isEmpty();

        backup.restore();

        assertThat(EventStoreBackup.plaintextFindings(jdbc, personalData))
                .as("the backup itself")
                .isEmpty();
        Http.Response restored = http.get("/api/users/" + id);
        assertThat(restored.status())
                .as("the journal's tombstone already holds")
                .isNotEqualTo(200);
        assertThat(restored.body()).doesNotContain(email, name);
        assertThat(http.get("/api/users/" + id + "/events").body()).doesNotContain(email, name);
        assertThat(http.get("/api/erasures/" + id).status()).isEqualTo(200);
        assertThat(http.get("/api/erasures/" + later).status()).isEqualTo(200);

        Http.Response reapplied = http.post("/api/admin/erasures/reapply", null);

        assertThat(reapplied.status()).as(reapplied.body()).isEqualTo(200);
        assertThat(reapplied.json().get("reapplied").asInt()).isEqualTo(1);
        assertThat(reapplied.json().get("checked").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(reapplied.json().get("failed").asInt()).isZero();
        Http.Response user = http.get("/api/users/" + id);
        assertThat(user.status()).isEqualTo(410);
        assertThat(http.get("/api/users/" + later).status())
                .as("its stream is not in the backup")
                .isEqualTo(404);
        JsonNode events = http.get("/api/users/" + id + "/events").json();
        assertThat(events.toString()).doesNotContain(email, name);
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("UserRegistered", "UserDeleted");
        JsonNode redeletion = events.get(1);
        assertThat(redeletion.get("eventId").asText()).isNotEqualTo(deletionEventId);
        assertThat(redeletion.get("metadata").get("causationId").asText()).isEqualTo(deletionEventId);
        assertThat(redeletion.get("metadata").get("actor").asText()).isEqualTo("system:erasure-journal");
        assertThat(redeletion.get("payload").get("reason").asText()).isEqualTo("DATA_SUBJECT_REQUEST");
        JsonNode erasure = http.get("/api/erasures/" + id).json();
        assertThat(erasure.get("deletionEventId").asText()).isEqualTo(deletionEventId);
        assertThat(erasure.get("reappliedDeletionEventId").asText())
                .isEqualTo(redeletion.get("eventId").asText());
        assertThat(erasure.get("requestedBy").asText()).isEqualTo("DATA_SUBJECT");
        assertThat(http.get("/api/erasures/" + later).json().get("reason").asText())
                .isEqualTo("ACCOUNT_CLOSED");
        assertThat(tool("billing")
                        .post(
                                "/api/erasures/" + id + "/confirmations",
                                receipt("billing", redeletion.get("eventId").asText()))
                        .status())
                .as("tools confirm the re-applied deletion")
                .isEqualTo(200);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM subject_key WHERE subject_id = ? AND wrapped_key IS NOT NULL",
                        Integer.class,
                        id))
                .isZero();
        assertThat(EventStoreBackup.plaintextFindings(jdbc, personalData)).isEmpty();
        assertThat(http.post("/api/users", registration(email, "Someone New")).status())
                .as("the email is free again")
                .isEqualTo(201);
        assertThat(http.post("/api/admin/erasures/reapply", null)
                        .json()
                        .get("reapplied")
                        .asInt())
                .as("idempotent")
                .isZero();
    }

    @Autowired
    org.springframework.core.env.Environment environment;

    @Test
    void aRestartedServiceReappliesTheErasuresARestoredEventStoreLost() {
        String email = uniqueEmail();
        String name = "Restarted Person " + UUID.randomUUID().toString().substring(0, 8);
        String id = http.post("/api/users", registration(email, name))
                .json()
                .get("id")
                .asText();
        EventStoreBackup backup = EventStoreBackup.take(jdbc);
        http.delete("/api/users/" + id, "{\"reason\":\"LEGAL_OBLIGATION\",\"requestedBy\":\"LEGAL_AUTHORITY\"}");
        String deletionEventId = http.get("/api/users/" + id + "/events")
                .json()
                .get(1)
                .get("eventId")
                .asText();
        backup.restore();

        // Another instance starting on the restored database: the start-up run re-applies the erasure.
        try (var restarted = new org.springframework.boot.builder.SpringApplicationBuilder(UserCommandApplication.class)
                .run(java.util.stream.Stream.of(
                                "spring.datasource.url",
                                "spring.datasource.username",
                                "spring.datasource.password",
                                "user-sync.erasure-journal.datasource.url",
                                "user-sync.erasure-journal.datasource.username",
                                "user-sync.erasure-journal.datasource.password")
                        .map(key -> "--" + key + "=" + environment.getProperty(key, ""))
                        .collect(java.util.stream.Collectors.collectingAndThen(
                                java.util.stream.Collectors.toList(), list -> {
                                    list.add("--server.port=0");
                                    return list.toArray(String[]::new);
                                })))) {
            JsonNode events = http.get("/api/users/" + id + "/events").json();
            assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("UserRegistered", "UserDeleted");
            assertThat(events.get(1).get("metadata").get("causationId").asText())
                    .isEqualTo(deletionEventId);
            assertThat(events.toString()).doesNotContain(email, name);
            assertThat(http.get("/api/users/" + id).status()).isEqualTo(410);
            assertThat(http.get("/api/erasures/" + id).json().get("reason").asText())
                    .isEqualTo("LEGAL_OBLIGATION");
            assertThat(EventStoreBackup.plaintextFindings(jdbc, email, name)).isEmpty();
        }
    }

    String deletionEventId(String id) {
        return http.get("/api/users/" + id + "/events")
                .json()
                .get(1)
                .get("eventId")
                .asText();
    }

    @Test
    void aReceiptFromAnotherToolsAccountIsForbiddenAppendsNothingAndTheRealReceiptIsStillRecorded() {
        String id = register(uniqueEmail());
        http.delete("/api/users/" + id, "{\"reason\":\"CONSENT_WITHDRAWN\",\"requestedBy\":\"PRIVACY_OFFICE\"}");
        String deletionEventId = deletionEventId(id);
        int events = eventCount();

        Http.Response forged =
                tool("billing").post("/api/erasures/" + id + "/confirmations", receipt("mailing", deletionEventId));
        assertThat(forged.status()).as(forged.body()).isEqualTo(403);
        assertThat(forged.json().get("type").asText()).isEqualTo("urn:user-sync:problem:not-this-tool");
        assertThat(new Http("http://localhost:" + port)
                        .as("tool-service", "dev-tool-service")
                        .post("/api/erasures/" + id + "/confirmations", receipt("mailing", deletionEventId))
                        .status())
                .as("the shared tool-service account is no tool")
                .isEqualTo(403);
        assertThat(eventCount()).as("nothing appended").isEqualTo(events);
        assertThat(http.get("/api/erasures/" + id).json().get("pendingTools"))
                .extracting(JsonNode::asText)
                .contains("mailing");

        assertThat(tool("mailing")
                        .post("/api/erasures/" + id + "/confirmations", receipt("mailing", deletionEventId))
                        .status())
                .isEqualTo(200);
        assertThat(eventCount()).isEqualTo(events + 1);
        JsonNode erasure = http.get("/api/erasures/" + id).json();
        assertThat(erasure.get("confirmations"))
                .extracting(c -> c.get("tool").asText())
                .containsExactly("mailing");
        assertThat(erasure.get("pendingTools")).extracting(JsonNode::asText).containsExactly("analytics", "billing");
    }

    @Test
    @Smoke
    void everyToolAccountConfirmsOnlyItsOwnToolAndTheSharedToolServiceAccountConfirmsNone() {
        List<String> tools = List.of("analytics", "billing", "mailing");
        String id = register(uniqueEmail());
        http.delete("/api/users/" + id, "{\"reason\":\"CONSENT_WITHDRAWN\",\"requestedBy\":\"PRIVACY_OFFICE\"}");
        String deletionEventId = deletionEventId(id);
        int events = eventCount();
        Http shared = new Http("http://localhost:" + port).as("tool-service", "dev-tool-service");

        for (String named : tools) {
            for (String caller : tools) {
                if (!caller.equals(named)) {
                    Http.Response forged = tool(caller)
                            .post("/api/erasures/" + id + "/confirmations", receipt(named, deletionEventId));
                    assertThat(forged.status())
                            .as("tool-%s confirming %s", caller, named)
                            .isEqualTo(403);
                    assertThat(forged.json().get("type").asText()).isEqualTo("urn:user-sync:problem:not-this-tool");
                }
            }
            Http.Response fromShared =
                    shared.post("/api/erasures/" + id + "/confirmations", receipt(named, deletionEventId));
            assertThat(fromShared.status())
                    .as("tool-service confirming %s", named)
                    .isEqualTo(403);
            assertThat(fromShared.json().get("type").asText()).isEqualTo("urn:user-sync:problem:not-this-tool");
        }
        assertThat(eventCount()).as("no refused receipt appends anything").isEqualTo(events);
        assertThat(http.get("/api/erasures/" + id).json().get("pendingTools"))
                .extracting(JsonNode::asText)
                .containsExactlyElementsOf(tools);

        for (String own : tools) {
            assertThat(tool(own)
                            .post("/api/erasures/" + id + "/confirmations", receipt(own, deletionEventId))
                            .status())
                    .as("tool-%s confirming its own erasure", own)
                    .isEqualTo(200);
        }
        assertThat(http.get("/api/erasures/" + id).json().get("confirmations"))
                .extracting(c -> c.get("tool").asText())
                .containsExactlyInAnyOrderElementsOf(tools);
    }

    @Test
    void aReceiptForAToolThatNeedNotConfirmErasuresIsUnknownAndAppendsNothing() {
        String id = register(uniqueEmail());
        http.delete("/api/users/" + id, "{\"reason\":\"CONSENT_WITHDRAWN\",\"requestedBy\":\"PRIVACY_OFFICE\"}");
        String deletionEventId = deletionEventId(id);
        int events = eventCount();

        Http.Response unknown = tool("mailing")
                .post("/api/erasures/" + id + "/confirmations", receipt("no-such-tool", deletionEventId));

        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.json().get("type").asText()).isEqualTo("urn:user-sync:problem:unknown-tool");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(http.get("/api/erasures/" + id).json().get("confirmations")).isEmpty();
    }

    @Test
    void aReceiptBeforeAnyErasureIsAConflictAndForAnUnknownUserNotFoundAndNeitherAppendsAnything() {
        String id = register(uniqueEmail());
        int events = eventCount();

        Http.Response early = tool("mailing")
                .post(
                        "/api/erasures/" + id + "/confirmations",
                        receipt("mailing", UUID.randomUUID().toString()));
        Http.Response nobody = tool("mailing")
                .post(
                        "/api/erasures/" + UUID.randomUUID() + "/confirmations",
                        receipt("mailing", UUID.randomUUID().toString()));

        assertThat(early.status()).as(early.body()).isEqualTo(409);
        assertThat(nobody.status()).as(nobody.body()).isEqualTo(404);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void theConfirmationTimeIsWhenTheReceiptArrivedNotTheTimeTheBodyClaims() {
        String id = register(uniqueEmail());
        http.delete("/api/users/" + id, "{\"reason\":\"CONSENT_WITHDRAWN\",\"requestedBy\":\"PRIVACY_OFFICE\"}");
        String deletionEventId = deletionEventId(id);
        java.time.Instant before = java.time.Instant.now();

        Http.Response confirmed = tool("analytics")
                .post(
                        "/api/erasures/" + id + "/confirmations",
                        "{\"tool\":\"analytics\",\"deletionEventId\":\"" + deletionEventId
                                + "\",\"erasedAt\":\"2020-01-01T00:00:00Z\"}");

        java.time.Instant after = java.time.Instant.now();
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        JsonNode event = http.get("/api/users/" + id + "/events").json().get(2);
        assertThat(event.get("type").asText()).isEqualTo("UserErasureConfirmed");
        assertThat(java.time.Instant.parse(
                        event.get("payload").get("receivedAt").asText()))
                .isBetween(before, after);
        JsonNode confirmation =
                http.get("/api/erasures/" + id).json().get("confirmations").get(0);
        assertThat(java.time.Instant.parse(confirmation.get("erasedAt").asText()))
                .isBetween(before, after);
    }

    @Test
    void aConfirmationStoredAtRevisionOneIsReadThroughTheUpcasterAsTodaysRecord() {
        String id = register(uniqueEmail());
        http.delete("/api/users/" + id, "{\"reason\":\"CONSENT_WITHDRAWN\",\"requestedBy\":\"PRIVACY_OFFICE\"}");
        String deletionEventId = deletionEventId(id);
        assertThat(tool("billing")
                        .post(
                                "/api/erasures/" + id + "/confirmations",
                                "{\"tool\":\"billing\",\"deletionEventId\":\"" + deletionEventId + "\"}")
                        .status())
                .isEqualTo(200);
        String eventId = http.get("/api/users/" + id + "/events")
                .json()
                .get(2)
                .get("eventId")
                .asText();
        String revisionOne =
                "{\"userId\":\"" + id + "\",\"tool\":\"billing\",\"erasedAt\":\"2026-03-01T07:37:12.345Z\"}";
        assertThat(jdbc.update(
                        "UPDATE domain_event_entry SET payload_revision = '1', payload = ? WHERE event_identifier = ?",
                        revisionOne.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        eventId))
                .isEqualTo(1);

        JsonNode event = http.get("/api/users/" + id + "/events").json().get(2);

        assertThat(event.get("type").asText()).isEqualTo("UserErasureConfirmed");
        assertThat(event.get("revision").asText()).isEqualTo("2");
        assertThat(event.get("payload").get("receivedAt").asText()).isEqualTo("2026-03-01T07:37:12.345Z");
        assertThat(event.get("payload").has("erasedAt")).isFalse();
    }

    @Test
    void theChecksumListingShowsALiveUsersToolsAndAnErasedUsersDeletionEvent() {
        String id = register(uniqueEmail());
        JsonNode live = checksumOf(id);
        http.delete("/api/users/" + id, "{\"reason\":\"DATA_SUBJECT_REQUEST\",\"requestedBy\":\"DATA_SUBJECT\"}");
        JsonNode erased = checksumOf(id);

        assertThat(live.get("tools")).extracting(JsonNode::asText).containsExactlyInAnyOrder("mailing", "billing");
        assertThat(live.has("deletionEventId")).isFalse();
        assertThat(erased.has("tools")).isFalse();
        assertThat(erased.get("deletionEventId").asText())
                .isEqualTo(http.get("/api/erasures/" + id)
                        .json()
                        .get("deletionEventId")
                        .asText());
    }
}
