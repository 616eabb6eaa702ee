package com.example.usersync.command.console;

import com.example.usersync.command.audit.ToolCopies;
import com.example.usersync.platform.accesslog.AccessLog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The erasure ledger (pending first), the printable certificate with each tool's confirmation event, the access log. */
@SpringBootTest
@AutoConfigureMockMvc
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:console-erasures;DB_CLOSE_DELAY=-1",
            "user-sync.erasure-journal.datasource.url=jdbc:h2:mem:console-erasures-journal;DB_CLOSE_DELAY=-1",
            "user-sync.projection-service.url=http://localhost:9",
            "user-sync.erasure.required-tools=billing,mailing"
        })
class ConsoleErasurePagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @MockitoBean
    ToolCopies toolSync;

    @BeforeEach
    void theToolsHoldNothing() {
        when(toolSync.copyOf(any(), any(), any()))
                .thenThrow(HttpClientErrorException.create(HttpStatus.NOT_FOUND, "Not Found", null, null, null));
        when(toolSync.accessLog(any(), any(), anyString())).thenReturn(ResponseEntity.ok(List.of()));
    }

    @Test
    void theLedgerListsPendingErasuresBeforeCompleteOnesAndTheCertificateNamesEachConfirmation() throws Exception {
        UUID complete = deleted();
        confirm(complete, "billing");
        confirm(complete, "mailing");
        UUID pending = deleted();
        confirm(pending, "billing");

        String ledger = asAuditor("/console/erasures");
        assertThat(ledger.indexOf("data-user=\"" + pending + "\""))
                .isPositive()
                .isLessThan(ledger.indexOf("data-user=\"" + complete + "\""));

        String certificate = asAuditor("/console/erasures/" + complete);
        assertThat(certificate)
                .contains(">complete<", "DATA_SUBJECT_REQUEST", "PRIVACY_OFFICE", "admin")
                .contains(confirmationEvent(complete, "billing"), confirmationEvent(complete, "mailing"))
                .contains("data-print");
        assertThat(asAuditor("/console/erasures/" + pending)).contains(">pending<", "not yet confirmed");
        assertThat(asAuditor("/console/assets/console.css")).contains("@media print");
    }

    @Test
    void theAccessLogShowsWhoReadWhom() throws Exception {
        UUID id = register();
        mvc.perform(get("/console/users/" + id).with(user("auditor").roles("AUDITOR")))
                .andExpect(status().isOk());
        assertThat(asAuditor("/console/access-log?userId=" + id)).contains(id.toString(), "auditor", ">user<");
    }

    @Test
    void theAccessLogShowsTheToolSyncServicesReadsTooReadForTheAuditor() throws Exception {
        UUID id = UUID.randomUUID();
        when(toolSync.accessLog(id, null, "auditor"))
                .thenReturn(ResponseEntity.ok()
                        .header(HttpHeaders.LINK, "</api/access-log?userId=" + id + "&cursor=MTAwMQ>; rel=\"next\"")
                        .body(List.of(new AccessLog.Entry(
                                1001,
                                Instant.parse("2026-12-02T10:00:00Z"),
                                "auditor",
                                "export-service",
                                id,
                                "tool:mailing"))));
        assertThat(asAuditor("/console/access-log?userId=" + id))
                .contains("User service", "Tool-sync service", "tool:mailing", "export-service")
                .contains("toolSyncCursor=MTAwMQ");

        when(toolSync.accessLog(any(), any(), anyString())).thenThrow(new ResourceAccessException("down"));
        assertThat(asAuditor("/console/access-log"))
                .contains("Tool-sync service", "The service did not answer: its access log is not shown.");
    }

    @Test
    void erasurePagesAreTheAuditorsOnly() throws Exception {
        for (String path :
                new String[] {"/console/erasures", "/console/erasures/" + UUID.randomUUID(), "/console/access-log"}) {
            mvc.perform(get(path).with(user("admin").roles("USER_ADMIN"))).andExpect(status().isForbidden());
            mvc.perform(get(path).with(user("operator").roles("OPERATOR"))).andExpect(status().isForbidden());
        }
        mvc.perform(get("/console/erasures/" + UUID.randomUUID())
                        .with(user("auditor").roles("AUDITOR")))
                .andExpect(status().isNotFound());
    }

    private String confirmationEvent(UUID id, String tool) throws Exception {
        JsonNode events =
                json.readTree(mvc.perform(get("/api/users/" + id + "/events").with(httpBasic("auditor", "dev-auditor")))
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        for (JsonNode event : events) {
            if (event.path("type").asText().equals("UserErasureConfirmed")
                    && event.path("payload").path("tool").asText().equals(tool)) {
                return event.path("eventId").asText();
            }
        }
        throw new AssertionError("no confirmation of " + tool);
    }

    private void confirm(UUID id, String tool) throws Exception {
        String deletion = json.readTree(
                        mvc.perform(get("/api/erasures/" + id).with(httpBasic("auditor", "dev-auditor")))
                                .andReturn()
                                .getResponse()
                                .getContentAsString())
                .path("deletionEventId")
                .asText();
        mvc.perform(post("/api/erasures/" + id + "/confirmations")
                        .with(httpBasic("tool-" + tool, "dev-tool-" + tool))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"tool\":\"" + tool + "\",\"deletionEventId\":\"" + deletion + "\"}"))
                .andExpect(status().isOk());
    }

    private UUID deleted() throws Exception {
        UUID id = register();
        mvc.perform(delete("/api/users/" + id)
                        .with(httpBasic("admin", "dev-admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"DATA_SUBJECT_REQUEST\",\"requestedBy\":\"PRIVACY_OFFICE\"}"))
                .andExpect(status().isAccepted());
        return id;
    }

    private UUID register() throws Exception {
        String body = mvc.perform(post("/api/users")
                        .with(httpBasic("admin", "dev-admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"erasure-" + UUID.randomUUID()
                                + "@example.com\",\"displayName\":\"E\",\"locale\":\"en\"}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return UUID.fromString(json.readTree(body).path("id").asText());
    }

    private String asAuditor(String path) throws Exception {
        return mvc.perform(get(path).with(user("auditor").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
