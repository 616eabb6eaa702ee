package com.example.usersync.command.console;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The operator's pages against the tool-sync service's admin API (a stand-in here; the browser test
 * runs the real one): every call names the person, only operators reach them, forms need the CSRF token.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:console-operator;DB_CLOSE_DELAY=-1",
            "user-sync.erasure-journal.datasource.url=jdbc:h2:mem:console-operator-journal;DB_CLOSE_DELAY=-1",
            "user-sync.projection-service.url=http://localhost:9"
        })
class ConsoleOperatorPagesTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ProjectionAdmin admin;

    static ProjectionAdmin.Processor mailing(long position, boolean replaying, boolean caughtUp) {
        return new ProjectionAdmin.Processor(
                "mailing",
                "PooledStreamingEventProcessor",
                true,
                replaying,
                caughtUp,
                100L,
                100 - position,
                1,
                1,
                "SQLException 23505",
                null,
                List.of(new ProjectionAdmin.Segment(
                        0, "node-1", position, replaying, replaying ? 100L : null, caughtUp, null)));
    }

    @Test
    void theProcessorRowsShowStatePositionLagAndDeadLettersNamingTheOperatorToTheToolSyncService() throws Exception {
        when(admin.processors("operator")).thenReturn(List.of(mailing(100, false, true)));
        String page = asOperator(get("/console/operator"));
        assertThat(page)
                .contains(
                        "mailing",
                        "running",
                        "0 node-1: 100",
                        "100 / 100",
                        "caught up",
                        "1 (1 users)",
                        "SQLException 23505")
                .contains("hx-trigger=\"every 1s\"");
        assertThat(asOperator(get("/console/operator/processors")))
                .contains("processor-rows")
                .doesNotContain("<html");
    }

    @Test
    void aResetIsConfirmedAndThenShowsProgressUntilCaughtUp() throws Exception {
        when(admin.processor("mailing", "operator")).thenReturn(mailing(40, true, false));
        assertThat(asOperator(get("/console/operator/processors/mailing/reset")))
                .contains("Replay mailing", "whole table and its dead letters", "1 dead letters", "data-confirm");
        when(admin.reset(eq("mailing"), eq(new ProjectionAdmin.Reset("start")), eq("operator")))
                .thenReturn(mailing(-1, true, false));
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/console/operator/processors/mailing/reset")
                        .param("from", "start")
                        .session(session)
                        .with(user("operator").roles("OPERATOR"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        String halfway = mvc.perform(get("/console/operator/processors/mailing/replay/progress")
                        .session(session)
                        .with(user("operator").roles("OPERATOR")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(halfway).contains("Position 40 of 100 (from -1)", "value=\"40\"", "events/s", "hx-get");

        when(admin.processor("mailing", "operator")).thenReturn(mailing(100, false, true));
        String done = mvc.perform(get("/console/operator/processors/mailing/replay/progress")
                        .session(session)
                        .with(user("operator").roles("OPERATOR")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(done).contains("caught up", "value=\"100\"").doesNotContain("hx-get");
    }

    @Test
    void aPointInTimeIsSentAsAnInstant() throws Exception {
        when(admin.reset(anyString(), any(), anyString())).thenReturn(mailing(10, true, false));
        mvc.perform(post("/console/operator/processors/mailing/reset")
                        .param("from", "time")
                        .param("at", "2026-11-22T07:37:00")
                        .with(user("operator").roles("OPERATOR"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        verify(admin).reset("mailing", new ProjectionAdmin.Reset("2026-11-22T07:37:00Z"), "operator");
    }

    @Test
    void deadLettersAreListedRetriedAndEvictedForTheOperator() throws Exception {
        UUID user = UUID.randomUUID();
        when(admin.deadLetters("mailing", "operator"))
                .thenReturn(List.of(new ProjectionAdmin.DeadLetterSequence(
                        user.toString(),
                        user.toString(),
                        1,
                        true,
                        List.of(new ProjectionAdmin.DeadLetter(
                                "e1",
                                "UserProfileChanged",
                                3L,
                                "SQLException 23505",
                                8,
                                Instant.now(),
                                Instant.now())))));
        assertThat(asOperator(get("/console/operator/processors/mailing/dead-letters")))
                .contains(user.toString(), "UserProfileChanged v3", "SQLException 23505", "parked", "Retry", "Evict");
        asOperatorExpectingRedirect("/console/operator/processors/mailing/dead-letters/" + user + "/retry");
        verify(admin).retry("mailing", user, "operator");
        asOperatorExpectingRedirect("/console/operator/processors/mailing/dead-letters/" + user + "/evict");
        verify(admin).evict("mailing", user, "operator");
    }

    @Test
    void onlyOperatorsReachTheseCallsAndFormsNeedTheCsrfToken() throws Exception {
        UUID user = UUID.randomUUID();
        for (String role : new String[] {"AUDITOR", "USER_ADMIN"}) {
            mvc.perform(get("/console/operator").with(user("x").roles(role))).andExpect(status().isForbidden());
            mvc.perform(post("/console/operator/processors/mailing/dead-letters/" + user + "/retry")
                            .with(user("x").roles(role))
                            .with(csrf()))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(post("/console/operator/processors/mailing/dead-letters/" + user + "/retry")
                        .with(user("operator").roles("OPERATOR")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/operator/processors/mailing/reset")
                        .param("from", "start")
                        .with(user("operator").roles("OPERATOR")))
                .andExpect(status().isForbidden());
        verify(admin, never()).retry(any(), any(), any());
        verify(admin, never()).reset(any(), any(), any());
    }

    @Test
    void eachRowDrawsTheToolsLagOfTheLastMinutes() throws Exception {
        Instant now = Instant.now();
        when(admin.processors("operator")).thenReturn(List.of(mailing(90, false, false)));
        when(admin.lagHistory("operator"))
                .thenReturn(List.of(new ProjectionAdmin.LagSeries(
                        "mailing",
                        List.of(
                                new ProjectionAdmin.LagSample(now.minusSeconds(60), 40L),
                                new ProjectionAdmin.LagSample(now.minusSeconds(30), null),
                                new ProjectionAdmin.LagSample(now.minusSeconds(5), 10L)))));
        String rows = asOperator(get("/console/operator/processors"));
        assertThat(rows)
                .contains("data-testid=\"lag-chart\"")
                .contains("Lag of mailing over the last 10 minutes: highest 40 events, now 10")
                .containsPattern("<polyline points=\"[0-9.]+,1\\.0 [0-9.]+,20\\.5\"");
    }

    @Test
    void stopStartAndRealignAreTheOperatorsAndNameThem() throws Exception {
        for (String action : new String[] {"stop", "start", "realign"}) {
            for (String role : new String[] {"AUDITOR", "USER_ADMIN"}) {
                mvc.perform(post("/console/operator/processors/mailing/" + action)
                                .with(user("x").roles(role))
                                .with(csrf()))
                        .andExpect(status().isForbidden())
                        .andExpect(forwardedUrl(ConsoleSecurityConfiguration.FORBIDDEN));
            }
            asOperatorExpectingRedirect("/console/operator/processors/mailing/" + action);
        }
        verify(admin).stop("mailing", "operator");
        verify(admin).start("mailing", "operator");
        verify(admin).realign("mailing", "operator");
        verify(admin, never()).stop(anyString(), eq("x"));
        mvc.perform(post("/console/operator/processors/mailing/pause")
                        .with(user("operator").roles("OPERATOR"))
                        .with(csrf()))
                .andExpect(status().is4xxClientError());
    }

    @Test
    void aRefusalOfTheToolSyncServiceIsShownWithItsDetail() throws Exception {
        when(admin.reset(anyString(), any(), anyString()))
                .thenThrow(org.springframework.web.client.HttpClientErrorException.create(
                        org.springframework.http.HttpStatus.CONFLICT,
                        "Conflict",
                        new org.springframework.http.HttpHeaders(),
                        "{\"detail\":\"Another instance holds segments of mailing.\"}".getBytes(),
                        null));
        String page = mvc.perform(post("/console/operator/processors/mailing/reset")
                        .param("from", "start")
                        .with(user("operator").roles("OPERATOR"))
                        .with(csrf()))
                .andExpect(status().isConflict())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Another instance holds segments of mailing.");
    }

    @Test
    void snapshotRunsStartFromTheConsole() throws Exception {
        when(admin.processors("operator")).thenReturn(List.of(mailing(100, false, true)));
        when(admin.reconciliationReports("operator")).thenReturn(List.of());
        mvc.perform(post("/console/operator/snapshot-runs")
                        .with(user("operator").roles("OPERATOR"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(asOperator(get("/console/operator/runs"))).contains("Snapshot runs", "operator");
    }

    private void asOperatorExpectingRedirect(String path) throws Exception {
        mvc.perform(post(path).with(user("operator").roles("OPERATOR")).with(csrf()))
                .andExpect(status().is3xxRedirection());
    }

    private String asOperator(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
            throws Exception {
        return mvc.perform(request.with(user("operator").roles("OPERATOR")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
