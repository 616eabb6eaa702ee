package com.example.usersync.command.console;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The auditor's pages: find by id or email (POST, no email in any URL), the user page, the timeline, exports. */
@SpringBootTest
@AutoConfigureMockMvc
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:console-auditor;DB_CLOSE_DELAY=-1",
            "user-sync.erasure-journal.datasource.url=jdbc:h2:mem:console-auditor-journal;DB_CLOSE_DELAY=-1",
            // No projection service runs here: the tools' copies show as unavailable, quickly.
            "user-sync.projection-service.url=http://localhost:9"
        })
class ConsoleAuditorPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate db;

    @Test
    void anAuditorFindsAUserByEmailThroughAPostAndTheAddressNeverAppearsInAUrl() throws Exception {
        String email = "find-" + UUID.randomUUID() + "@example.com";
        UUID id = register(email, "Find Me");
        MvcResult found = mvc.perform(post("/console/users/find")
                        .param("query", email.toUpperCase())
                        .with(user("auditor").roles("AUDITOR"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        assertThat(found.getResponse().getRedirectedUrl()).isEqualTo("/console/users/" + id);

        String page = asAuditor("/console/users/" + id);
        assertThat(page).contains(email, "Find Me", "version 0", "unavailable");
        assertThat(hrefsAndActions(page)).noneMatch(url -> url.contains("@"));
        assertThat(db.queryForObject(
                        "SELECT count(*) FROM personal_data_access WHERE subject_id = ? AND actor = 'auditor'",
                        Integer.class,
                        id))
                .isEqualTo(1);
    }

    @Test
    void anUnknownAddressIsNotFoundAndNotEchoed() throws Exception {
        String page = mvc.perform(post("/console/users/find")
                        .param("query", "nobody-here@example.com")
                        .with(user("auditor").roles("AUDITOR"))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("No user has that id or email address.").doesNotContain("nobody-here");
    }

    @Test
    void aUserAdminWhoIsNoAuditorIsSentToTheEditPage() throws Exception {
        UUID id = register("admin-find-" + UUID.randomUUID() + "@example.com", "Admin Find");
        MvcResult found = mvc.perform(post("/console/users/find")
                        .param("query", id.toString())
                        .with(user("admin").roles("USER_ADMIN"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        assertThat(found.getResponse().getRedirectedUrl()).isEqualTo("/console/admin/users/" + id);
    }

    @Test
    void theTimelineShowsEveryEventWithItsMetadataAndWhatChanged() throws Exception {
        UUID id = register("timeline-" + UUID.randomUUID() + "@example.com", "Before");
        mvc.perform(patch("/api/users/" + id)
                        .with(httpBasic("admin", "dev-admin"))
                        .header("X-Correlation-Id", "ticket-4711")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"displayName\":\"After\"}"))
                .andExpect(status().isOk());

        String page = asAuditor("/console/users/" + id + "/timeline");
        assertThat(page)
                .contains("UserRegistered", "UserProfileChanged", "admin", "user-command", "ticket-4711")
                .contains("<code>profile.displayName</code>")
                .contains("<del>Before</del>")
                .contains("<ins>After</ins>");
        assertThat(asAuditor("/console/users/" + id + "/correlations/ticket-4711"))
                .contains("UserProfileChanged")
                .doesNotContain("UserRegistered");
    }

    @Test
    void anExportIsStartedPolledAndDownloadedAsTheApisDocument() throws Exception {
        UUID id = register("export-" + UUID.randomUUID() + "@example.com", "Export Me");
        MvcResult started = mvc.perform(post("/console/users/" + id + "/exports")
                        .with(user("auditor").roles("AUDITOR"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        String jobPage = started.getResponse().getRedirectedUrl();
        assertThat(jobPage).startsWith("/console/exports/");
        String state;
        long deadline = System.currentTimeMillis() + 30_000;
        do {
            Thread.sleep(200);
            state = asAuditor(jobPage + "/state");
        } while (state.contains(">RUNNING<") && System.currentTimeMillis() < deadline);
        assertThat(state).contains("COMPLETED");
        MvcResult download = mvc.perform(
                        get(jobPage + "/download").with(user("auditor").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andReturn();
        assertThat(download.getResponse().getHeader("Content-Disposition")).contains("attachment");
        assertThat(download.getResponse().getContentAsString()).contains("Export Me", id.toString());
    }

    @Test
    void theUserPagesAreTheAuditorsOnly() throws Exception {
        UUID id = register("roles-" + UUID.randomUUID() + "@example.com", "Roles");
        for (String path :
                new String[] {"/console/users/" + id, "/console/users/" + id + "/timeline", "/console/exports/" + id}) {
            mvc.perform(get(path).with(user("admin").roles("USER_ADMIN"))).andExpect(status().isForbidden());
            mvc.perform(get(path).with(user("operator").roles("OPERATOR"))).andExpect(status().isForbidden());
        }
        mvc.perform(post("/console/users/find")
                        .param("query", id.toString())
                        .with(user("operator").roles("OPERATOR"))
                        .with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/users/find")
                        .param("query", id.toString())
                        .with(user("auditor").roles("AUDITOR")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/users/" + id + "/exports")
                        .with(user("auditor").roles("AUDITOR")))
                .andExpect(status().isForbidden());
    }

    private String asAuditor(String path) throws Exception {
        return mvc.perform(get(path).with(user("auditor").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private UUID register(String email, String name) throws Exception {
        String body = mvc.perform(post("/api/users")
                        .with(httpBasic("admin", "dev-admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email + "\",\"displayName\":\"" + name
                                + "\",\"locale\":\"en\",\"tools\":[\"billing\"]}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return UUID.fromString(body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
    }

    static java.util.List<String> hrefsAndActions(String page) {
        java.util.List<String> urls = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:href|action|hx-get|hx-post)=\"([^\"]*)\"")
                .matcher(page);
        while (m.find()) {
            urls.add(m.group(1));
        }
        return urls;
    }
}
