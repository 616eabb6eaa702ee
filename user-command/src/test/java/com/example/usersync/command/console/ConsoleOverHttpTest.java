package com.example.usersync.command.console;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console over real HTTP, as a browser sees it: the session cookie's attributes, the CSRF token
 * taken from the login form, and refusals (a role that may not, a stale form) as console pages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:console-http;DB_CLOSE_DELAY=-1",
            "user-sync.erasure-journal.datasource.url=jdbc:h2:mem:console-http-journal;DB_CLOSE_DELAY=-1",
            "user-sync.projection-service.url=http://localhost:9"
        })
class ConsoleOverHttpTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Test
    void aLoggedInAuditorGetsAStrictHttpOnlySessionCookieAndIsRefusedWhatTheRoleMayNotOpen() throws Exception {
        HttpClient browser =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String form = browser.send(get("/console/login"), HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher token = CSRF.matcher(form);
        assertThat(token.find()).isTrue();

        HttpResponse<String> login = browser.send(
                HttpRequest.newBuilder(URI.create(base() + "/console/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=auditor&password=dev-auditor&_csrf="
                                + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/console"));
        assertThat(login.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie).contains("JSESSIONID", "HttpOnly", "SameSite=Strict"));

        HttpResponse<String> denied = browser.send(get("/console/operator"), HttpResponse.BodyHandlers.ofString());
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body())
                .doesNotContain("Tool processors")
                .contains("Not allowed", "Your roles do not allow this page or action.", "Log out");

        HttpResponse<String> stale = browser.send(
                HttpRequest.newBuilder(URI.create(base() + "/console/users/find"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("query=someone%40example.com&_csrf=stale"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stale.statusCode()).isEqualTo(403);
        assertThat(stale.body()).contains("Form expired", "reload the page").doesNotContain("someone");

        HttpResponse<String> home = browser.send(get("/console"), HttpResponse.BodyHandlers.ofString());
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Find a user");
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).GET().build();
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
