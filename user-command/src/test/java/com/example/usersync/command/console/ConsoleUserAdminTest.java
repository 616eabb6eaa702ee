package com.example.usersync.command.console;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
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

/** User admin in the console: the API's commands and validation, If-Match from the form's version, roles and CSRF. */
@SpringBootTest
@AutoConfigureMockMvc
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:console-admin;DB_CLOSE_DELAY=-1",
            "user-sync.erasure-journal.datasource.url=jdbc:h2:mem:console-admin-journal;DB_CLOSE_DELAY=-1",
            "user-sync.projection-service.url=http://localhost:9",
            "user-sync.erasure.required-tools=billing,mailing"
        })
class ConsoleUserAdminTest {

    @Autowired
    MockMvc mvc;

    @Test
    void anAdminRegistersEditsAndDeletesAUserAndTheEventsNameThem() throws Exception {
        String email = "admin-" + UUID.randomUUID() + "@example.com";
        MvcResult registered = asAdmin(post("/console/admin/users")
                        .param("email", email)
                        .param("displayName", "Grace Hopper")
                        .param("locale", "en-US")
                        .param("timeZone", "")
                        .param("plan", "TEAM")
                        .param("tools", "billing"))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        String page = registered.getResponse().getRedirectedUrl();
        assertThat(page).matches("/console/admin/users/[0-9a-f-]{36}").doesNotContain("@");
        UUID id = UUID.fromString(page.substring(page.lastIndexOf('/') + 1));
        assertThat(show(id)).contains(email, "Grace Hopper", "version 0");

        asAdmin(post(page + "/profile").param("version", "0").param("displayName", "Grace B. Hopper"))
                .andExpect(status().is3xxRedirection());
        asAdmin(post(page + "/access")
                        .param("version", "1")
                        .param("plan", "BUSINESS")
                        .param("tools", "billing", "mailing"))
                .andExpect(status().is3xxRedirection());
        String edited = show(id);
        assertThat(edited).contains("Grace B. Hopper", "version 2");

        String events = mvc.perform(get("/api/users/" + id + "/events").with(httpBasic("auditor", "dev-auditor")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(events).contains("\"actor\":\"admin\"", "UserProfileChanged", "UserAccessChanged", "BUSINESS");

        asAdmin(post(page + "/delete")
                        .param("version", "2")
                        .param("reason", "ACCOUNT_CLOSED")
                        .param("requestedBy", "CUSTOMER_SUPPORT"))
                .andExpect(status().is3xxRedirection());
        assertThat(show(id)).contains("This user is erased.").doesNotContain(email);
    }

    @Test
    void aStaleFormSaysTheUserChangedMeanwhileAndOverwritesNothing() throws Exception {
        UUID id = registerThroughTheApi();
        mvc.perform(patch("/api/users/" + id)
                        .with(httpBasic("admin", "dev-admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"displayName\":\"Changed elsewhere\"}"))
                .andExpect(status().isOk());

        String answer = asAdmin(post("/console/admin/users/" + id + "/profile")
                        .param("version", "0")
                        .param("displayName", "From a stale form"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(answer)
                .contains("changed meanwhile", "Changed elsewhere", "version 1")
                .doesNotContain("value=\"From a stale form\"");
        assertThat(show(id)).contains("Changed elsewhere");
        asAdmin(post("/console/admin/users/" + id + "/delete")
                        .param("version", "0")
                        .param("reason", "ACCOUNT_CLOSED")
                        .param("requestedBy", "CUSTOMER_SUPPORT"))
                .andExpect(status().isOk());
        assertThat(show(id)).doesNotContain("This user is erased.");
    }

    @Test
    void invalidInputIsRefusedFieldByFieldWithoutEchoingTheRuleBreakingValue() throws Exception {
        String answer = asAdmin(post("/console/admin/users")
                        .param("email", "not-an-address")
                        .param("displayName", "X")
                        .param("locale", "en"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(answer).contains("Not saved.", "email:");
    }

    @Test
    void onlyUserAdminsMayUseTheseFormsAndOnlyWithTheCsrfToken() throws Exception {
        UUID id = registerThroughTheApi();
        for (String role : new String[] {"AUDITOR", "OPERATOR"}) {
            mvc.perform(get("/console/admin/users/" + id).with(user("x").roles(role)))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/console/admin/users/" + id + "/profile")
                            .param("version", "0")
                            .param("displayName", "Nope")
                            .with(user("x").roles(role))
                            .with(csrf()))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(post("/console/admin/users/" + id + "/profile")
                        .param("version", "0")
                        .param("displayName", "Nope")
                        .with(user("admin").roles("USER_ADMIN")))
                .andExpect(status().isForbidden());
        assertThat(show(id)).doesNotContain("Nope");
    }

    private UUID registerThroughTheApi() throws Exception {
        String body = mvc.perform(post("/api/users")
                        .with(httpBasic("admin", "dev-admin"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"stale-" + UUID.randomUUID()
                                + "@example.com\",\"displayName\":\"Original\",\"locale\":\"en\"}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return UUID.fromString(body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"));
    }

    private String show(UUID id) throws Exception {
        return mvc.perform(get("/console/admin/users/" + id).with(user("admin").roles("USER_ADMIN")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private org.springframework.test.web.servlet.ResultActions asAdmin(
            org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(user("admin").roles("USER_ADMIN")).with(csrf()));
    }
}
