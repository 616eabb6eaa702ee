package com.example.usersync.command.console;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The console's login: the API's accounts, a session cookie for /console only, CSRF tokens, a home page per role. */
@SpringBootTest
@AutoConfigureMockMvc
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:console-login;DB_CLOSE_DELAY=-1",
            "user-sync.erasure-journal.datasource.url=jdbc:h2:mem:console-login-journal;DB_CLOSE_DELAY=-1",
            "user-sync.projection-service.url=http://localhost:9",
            "user-sync.security.login-throttle.account-failures=3"
        })
class ConsoleLoginTest {

    @Autowired
    MockMvc mvc;

    @Test
    void anonymousVisitorsAreSentToTheLoginForm() throws Exception {
        mvc.perform(get("/console"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("http://localhost/console/login"));
        String form = mvc.perform(get("/console/login"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(form).contains("name=\"_csrf\"").contains("<label for=\"username\">");
    }

    @Test
    void theApiAccountsLogInAndTheHomePageListsWhatTheirRolesAllow() throws Exception {
        assertThat(home("auditor", "dev-auditor"))
                .contains("Find a user", "Erasures", "Access log")
                .doesNotContain("User admin", "Tool processors");
        assertThat(home("admin", "dev-admin"))
                .contains("Find a user", "User admin")
                .doesNotContain("Erasures", "Tool processors");
        assertThat(home("operator", "dev-operator"))
                .contains("Tool processors")
                .doesNotContain("Find a user", "User admin", "Erasures");
        assertThat(home("tool-service", "dev-tool-service")).contains("no role the console serves");
    }

    @Test
    void aWrongPasswordIsRefusedAndRepeatedFailuresAreThrottled() throws Exception {
        mvc.perform(formLogin("/console/login").user("operator").password("wrong"))
                .andExpect(redirectedUrl("/console/login?error"));
        for (int i = 0; i < 3; i++) {
            mvc.perform(formLogin("/console/login").user("tool-mailing").password("wrong"));
        }
        mvc.perform(formLogin("/console/login").user("tool-mailing").password("dev-tool-mailing"))
                .andExpect(redirectedUrl("/console/login?throttled"));
    }

    @Test
    void aLoginWithoutTheCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/console/login").param("username", "auditor").param("password", "dev-auditor"))
                .andExpect(status().isForbidden());
    }

    @Test
    void logoutNeedsTheCsrfTokenAndEndsTheSession() throws Exception {
        MockHttpSession session = login("auditor", "dev-auditor");
        mvc.perform(post("/console/logout").session(session)).andExpect(status().isForbidden());
        mvc.perform(post("/console/logout").session(session).with(csrf()))
                .andExpect(redirectedUrl("/console/login?logout"));
        mvc.perform(get("/console").session(session)).andExpect(status().is3xxRedirection());
    }

    @Test
    void theConsoleSessionOpensNoDoorToTheApiWhichStaysStateless() throws Exception {
        MockHttpSession session = login("auditor", "dev-auditor");
        mvc.perform(get("/api/erasures").session(session)).andExpect(status().isUnauthorized());
        MvcResult api = mvc.perform(get("/api/erasures").with(request -> {
                    request.addHeader("Authorization", "Basic YXVkaXRvcjpkZXYtYXVkaXRvcg==");
                    return request;
                }))
                .andExpect(status().isOk())
                .andReturn();
        assertThat(api.getResponse().getHeader("Set-Cookie")).isNull();
        assertThat(api.getRequest().getSession(false)).isNull();
    }

    @Test
    void pagesSendASecurityPolicyWithoutInlineScripts() throws Exception {
        mvc.perform(get("/console/login"))
                .andExpect(header().string(
                                "Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'")));
        mvc.perform(get("/console/webjars/htmx.org/dist/htmx.min.js")).andExpect(status().isOk());
        mvc.perform(get("/console/assets/console.css")).andExpect(status().isOk());
    }

    private String home(String account, String password) throws Exception {
        return mvc.perform(get("/console").session(login(account, password)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    private MockHttpSession login(String account, String password) throws Exception {
        MvcResult result = mvc.perform(formLogin("/console/login").user(account).password(password))
                .andExpect(redirectedUrl("/console"))
                .andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }
}
