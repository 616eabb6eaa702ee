package com.example.usersync.command.user;

import com.example.usersync.command.eventstore.StoredEvents;
import com.example.usersync.command.web.SecurityConfiguration;
import com.example.usersync.events.privacy.PersonalDataCipher;
import com.example.usersync.events.user.ErasureReason;
import com.example.usersync.events.user.ErasureRequester;
import com.example.usersync.events.user.Plan;
import com.example.usersync.events.user.UserAccess;
import com.example.usersync.events.user.UserProfile;
import com.example.usersync.platform.accesslog.AccessLog;
import com.example.usersync.platform.security.PlatformSecurityConfiguration;
import com.example.usersync.platform.security.Roles;
import com.example.usersync.platform.web.CorrelationFilter;
import com.example.usersync.platform.web.DependencyDownAdvice;
import com.example.usersync.testing.ApiContract;
import com.example.usersync.testing.InMemorySubjectKeys;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.MockMvcBuilderCustomizer;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(UserController.class)
@Import({
    SecurityConfiguration.class,
    PlatformSecurityConfiguration.class,
    CorrelationFilter.class,
    DependencyDownAdvice.class
})
@WithMockUser(roles = Roles.USER_ADMIN)
class UserControllerTest {

    private static final UUID USER = UUID.fromString("6a0c3a52-3d4e-4f0c-9b7e-0d1f2a3b4c5d");
    private static final String USER_URI = "/api/users/" + USER;
    private static final String PROBLEM = "urn:user-sync:problem:";
    private static final String REGISTRATION = """
            {"email":"ana@example.com","displayName":"Ana","locale":"de-CH","timeZone":"Europe/Zurich",
             "plan":"TEAM","tools":["wiki","billing"]}""";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    AccessLog accessLog;

    @MockitoBean
    private CommandSender commands;

    @MockitoBean
    private DirectoryRepository directory;

    @MockitoBean
    private DeletionEvents deletionEvents;

    @MockitoBean
    private StoredEvents storedEvents;

    static final PersonalDataCipher CIPHER = new PersonalDataCipher(new InMemorySubjectKeys());

    @TestConfiguration
    static class Encryption {
        @Bean
        PersonalDataCipher personalDataCipher() {
            return CIPHER;
        }

        @Bean
        MockMvcBuilderCustomizer everyExchangeAsTheApiDocumentSays() {
            return builder -> builder.alwaysDo(ApiContract.committedDocument("user-command"));
        }
    }

    @Test
    void registersUserAndAnswersWithLocationAndFirstVersion() throws Exception {
        MvcResult result = mvc.perform(post("/api/users")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(REGISTRATION))
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.ETAG, "\"0\""))
                .andExpect(header().string(
                                HttpHeaders.LOCATION, matchesPattern("http://localhost/api/users/[0-9a-f-]{36}")))
                .andExpect(jsonPath("$.version").value(0))
                .andReturn();

        ArgumentCaptor<RegisterUser> sent = ArgumentCaptor.forClass(RegisterUser.class);
        verify(commands).send(sent.capture());
        RegisterUser command = sent.getValue();
        assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION)).endsWith("/" + command.userId());
        assertThat(result.getResponse().getContentAsString())
                .contains(command.userId().toString());
        assertThat(command.profile()).isEqualTo(new UserProfile("ana@example.com", "Ana", "de-CH", "Europe/Zurich"));
        assertThat(command.access()).isEqualTo(new UserAccess(Plan.TEAM, List.of("billing", "wiki")));
    }

    @Test
    void normalizesRegistrationAndFillsDefaults() throws Exception {
        mvc.perform(post("/api/users").contentType(MediaType.APPLICATION_JSON).content("""
                        {"email":"ana@example.com","displayName":" Ana ","locale":"de-ch"}"""))
                .andExpect(status().isCreated());

        ArgumentCaptor<RegisterUser> sent = ArgumentCaptor.forClass(RegisterUser.class);
        verify(commands).send(sent.capture());
        assertThat(sent.getValue().profile()).isEqualTo(new UserProfile("ana@example.com", "Ana", "de-CH", "UTC"));
        assertThat(sent.getValue().access()).isEqualTo(new UserAccess(Plan.FREE, List.of()));
    }

    @Test
    void echoesTheCallersCorrelationId() throws Exception {
        when(commands.send(any())).thenReturn(1L);

        mvc.perform(patchProfile("{\"displayName\":\"Ana\"}").header(CorrelationFilter.HEADER, "req-42.a:b_c"))
                .andExpect(status().isOk())
                .andExpect(header().string(CorrelationFilter.HEADER, "req-42.a:b_c"));
    }

    @Test
    void issuesACorrelationIdWhenTheCallerSendsNone() throws Exception {
        mvc.perform(post("/api/users").contentType(MediaType.APPLICATION_JSON).content(REGISTRATION))
                .andExpect(header().string(CorrelationFilter.HEADER, matchesPattern("[0-9a-f-]{36}")));
    }

    @Test
    void echoesTheCorrelationIdOnProblemsToo() throws Exception {
        mvc.perform(post("/api/users")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{")
                        .header(CorrelationFilter.HEADER, "req-43"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string(CorrelationFilter.HEADER, "req-43"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "has spaces",
                "ana@example.com",
                "line\tbreak",
                "a;b",
                "toolongtoolongtoolongtoolongtoolongtoolongtoolongtoolongtoolong-65"
            })
    void rejectsAnUnsafeCorrelationId(String correlationId) throws Exception {
        expectProblem(
                        mvc.perform(post("/api/users")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(REGISTRATION)
                                .header(CorrelationFilter.HEADER, correlationId)),
                        400)
                .andExpect(jsonPath("$.detail", containsString("X-Correlation-Id")))
                .andExpect(header().doesNotExist(CorrelationFilter.HEADER))
                .andExpect(content().string(not(containsString(correlationId))));
        verifyNoInteractions(commands);
    }

    @Test
    void rejectsMalformedJson() throws Exception {
        expectProblem(
                        mvc.perform(post("/api/users")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"email\":")),
                        400)
                .andExpect(jsonPath("$.type").value(PROBLEM + "unreadable-body"))
                .andExpect(jsonPath("$.detail").value("The request body is missing or is not well-formed JSON."));
        verifyNoInteractions(commands);
    }

    @Test
    void rejectsAMissingBody() throws Exception {
        expectProblem(mvc.perform(post("/api/users").contentType(MediaType.APPLICATION_JSON)), 400)
                .andExpect(jsonPath("$.type").value(PROBLEM + "unreadable-body"));
        verifyNoInteractions(commands);
    }

    @Test
    void rejectsTrailingContentAfterTheJsonDocument() throws Exception {
        expectProblem(
                        mvc.perform(post("/api/users")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(REGISTRATION + " {}")),
                        400)
                .andExpect(jsonPath("$.type").value(PROBLEM + "unreadable-body"));
        verifyNoInteractions(commands);
    }

    @Test
    void listsEveryMissingRequiredFieldOfARegistration() throws Exception {
        expectProblem(
                        mvc.perform(post("/api/users")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{}")),
                        400)
                .andExpect(jsonPath("$.type").value(PROBLEM + "invalid-request"))
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("email", "displayName", "locale")));
        verifyNoInteractions(commands);
    }

    static Stream<Arguments> invalidRegistrations() {
        return Stream.of(
                Arguments.of("email", "\"email\":\"not-an-email\""),
                Arguments.of("email", "\"email\":\"   \""),
                Arguments.of("displayName", "\"displayName\":\"" + "x".repeat(101) + "\""),
                Arguments.of("displayName", "\"displayName\":\" \""),
                Arguments.of("locale", "\"locale\":\"en_US\""),
                Arguments.of("locale", "\"locale\":\"123\""),
                Arguments.of("timeZone", "\"timeZone\":\"Mars/Olympus_Mons\""),
                Arguments.of("timeZone", "\"timeZone\":\"+02:00\""),
                Arguments.of("tools[0]", "\"tools\":[\"Billing\"]"),
                Arguments.of("tools[1]", "\"tools\":[\"billing\",\"bad tool\"]"),
                Arguments.of("tools[0]", "\"tools\":[null]"));
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @MethodSource("invalidRegistrations")
    void rejectsRegistrationWithAnInvalidField(String field, String override) throws Exception {
        expectProblem(
                        mvc.perform(post("/api/users")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(registrationWith(override))),
                        400)
                .andExpect(jsonPath("$.type").value(PROBLEM + "invalid-request"))
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)));
        verifyNoInteractions(commands);
    }

    @Test
    void acceptsADisplayNameOfExactlyTheMaximumLength() throws Exception {
        mvc.perform(post("/api/users")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(registrationWith("\"displayName\":\"" + "x".repeat(100) + "\"")))
                .andExpect(status().isCreated());
    }

    @Test
    void neverEchoesTheRejectedValue() throws Exception {
        expectProblem(
                        mvc.perform(post("/api/users")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(registrationWith("\"email\":\"ana-at-example.com\""))),
                        400)
                .andExpect(content().string(not(containsString("ana-at-example.com"))));
    }

    @Test
    void rejectsAnUnknownFieldByName() throws Exception {
        expectProblem(
                        mvc.perform(post("/api/users")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(registrationWith("\"nickname\":\"Annie\""))),
                        400)
                .andExpect(jsonPath("$.type").value(PROBLEM + "unreadable-body"))
                .andExpect(jsonPath("$.detail").value("Unknown field 'nickname'."))
                .andExpect(content().string(not(containsString("Annie"))));
        verifyNoInteractions(commands);
    }

    @Test
    void rejectsAnUnknownPlanListingTheAllowedOnes() throws Exception {
        expectProblem(
                        mvc.perform(post("/api/users")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(registrationWith("\"plan\":\"GOLD\""))),
                        400)
                .andExpect(
                        jsonPath("$.detail").value("Field 'plan' must be one of [FREE, TEAM, BUSINESS, ENTERPRISE]."))
                .andExpect(content().string(not(containsString("GOLD"))));
        verifyNoInteractions(commands);
    }

    @Test
    void rejectsAFieldOfTheWrongShape() throws Exception {
        expectProblem(
                        mvc.perform(post("/api/users")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(registrationWith("\"tools\":{\"billing\":true}"))),
                        400)
                .andExpect(jsonPath("$.detail").value("Field 'tools' has the wrong type or shape."));
        verifyNoInteractions(commands);
    }

    @Test
    void rejectsAnUnsupportedContentType() throws Exception {
        // With X-Requested-By, as a non-browser client sends it; without, the CSRF filter refuses it first (403).
        expectProblem(
                mvc.perform(post("/api/users")
                        .header("X-Requested-By", "test")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content(REGISTRATION)),
                415);
        verifyNoInteractions(commands);
    }

    @Test
    void acceptsAMergePatchProfileChange() throws Exception {
        when(commands.send(any())).thenReturn(2L);

        mvc.perform(patch(USER_URI).contentType("application/merge-patch+json").content("{\"locale\":\"fr-ch\"}"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ETAG, "\"2\""))
                .andExpect(jsonPath("$.id").value(USER.toString()))
                .andExpect(jsonPath("$.version").value(2));

        verify(commands).send(new ChangeProfile(USER, null, null, null, "fr-CH", null));
    }

    @Test
    void passesTheIfMatchVersionAlongWithTheProfileChange() throws Exception {
        when(commands.send(any())).thenReturn(4L);

        mvc.perform(patchProfile("{\"email\":\"ana@example.org\",\"displayName\":\" Ana M \"}")
                        .header(HttpHeaders.IF_MATCH, "\"3\""))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ETAG, "\"4\""));

        verify(commands).send(new ChangeProfile(USER, 3L, "ana@example.org", "Ana M", null, null));
    }

    @Test
    void treatsAWildcardIfMatchAsAnyVersion() throws Exception {
        when(commands.send(any())).thenReturn(1L);

        mvc.perform(patchProfile("{\"timeZone\":\"UTC\"}").header(HttpHeaders.IF_MATCH, "*"))
                .andExpect(status().isOk());

        verify(commands).send(new ChangeProfile(USER, null, null, null, null, "UTC"));
    }

    @Test
    void acceptsAWeakIfMatchTag() throws Exception {
        when(commands.send(any())).thenReturn(8L);

        mvc.perform(patchProfile("{\"timeZone\":\"UTC\"}").header(HttpHeaders.IF_MATCH, "W/\"7\""))
                .andExpect(status().isOk());

        verify(commands).send(new ChangeProfile(USER, 7L, null, null, null, "UTC"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "\"3\", \"4\"", "\"-1\"", "\"1234567890123456789\""})
    void rejectsAnInvalidIfMatch(String ifMatch) throws Exception {
        expectProblem(mvc.perform(patchProfile("{\"displayName\":\"Ana\"}").header(HttpHeaders.IF_MATCH, ifMatch)), 400)
                .andExpect(jsonPath("$.type").value(PROBLEM + "invalid-if-match"));
        verifyNoInteractions(commands);
    }

    @Test
    void rejectsAnEmptyProfileChange() throws Exception {
        expectProblem(mvc.perform(patchProfile("{}")), 400)
                .andExpect(jsonPath("$.type").value(PROBLEM + "invalid-request"))
                .andExpect(jsonPath(
                        "$.detail",
                        containsString("at least one of email, displayName, locale, timeZone must be given")));
        verifyNoInteractions(commands);
    }

    @Test
    void rejectsAProfileChangeOfOnlyNulls() throws Exception {
        expectProblem(mvc.perform(patchProfile("{\"email\":null,\"displayName\":null}")), 400);
        verifyNoInteractions(commands);
    }

    static Stream<Arguments> invalidProfileChanges() {
        return Stream.of(
                Arguments.of("email", "{\"email\":\"not-an-email\"}"),
                Arguments.of("email", "{\"email\":\"  \"}"),
                Arguments.of("displayName", "{\"displayName\":\"" + "x".repeat(101) + "\"}"),
                Arguments.of("displayName", "{\"displayName\":\"   \"}"),
                Arguments.of("displayName", "{\"displayName\":\"\"}"),
                Arguments.of("locale", "{\"locale\":\"en_US\"}"),
                Arguments.of("timeZone", "{\"timeZone\":\"Europe/Atlantis\"}"));
    }

    @ParameterizedTest(name = "{0} <- {1}")
    @MethodSource("invalidProfileChanges")
    void rejectsProfileChangeWithAnInvalidField(String field, String body) throws Exception {
        expectProblem(mvc.perform(patchProfile(body)), 400).andExpect(jsonPath("$.errors[*].field", hasItem(field)));
        verifyNoInteractions(commands);
    }

    @Test
    void changesAccess() throws Exception {
        when(commands.send(any())).thenReturn(5L);

        mvc.perform(put(USER_URI + "/access")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.IF_MATCH, "\"4\"")
                        .content("{\"plan\":\"BUSINESS\",\"tools\":[\"wiki\",\"crm\"]}"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ETAG, "\"5\""))
                .andExpect(jsonPath("$.version").value(5));

        verify(commands).send(new ChangeAccess(USER, 4L, new UserAccess(Plan.BUSINESS, List.of("crm", "wiki"))));
    }

    @Test
    void requiresPlanAndToolsForAnAccessChange() throws Exception {
        expectProblem(
                        mvc.perform(put(USER_URI + "/access")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{}")),
                        400)
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("plan", "tools")));
        verifyNoInteractions(commands);
    }

    @Test
    void acceptsDeletionForErasure() throws Exception {
        when(commands.send(any())).thenReturn(3L);

        mvc.perform(deleteUser("{\"reason\":\"DATA_SUBJECT_REQUEST\",\"requestedBy\":\"DATA_SUBJECT\"}")
                        .header(HttpHeaders.IF_MATCH, "\"2\""))
                .andExpect(status().isAccepted())
                .andExpect(header().string(HttpHeaders.ETAG, "\"3\""));

        verify(commands)
                .send(new DeleteUser(USER, 2L, ErasureReason.DATA_SUBJECT_REQUEST, ErasureRequester.DATA_SUBJECT));
    }

    @Test
    void requiresReasonAndRequesterForADeletion() throws Exception {
        expectProblem(mvc.perform(deleteUser("{}")), 400)
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("reason", "requestedBy")));
        verifyNoInteractions(commands);
    }

    @Test
    void rejectsAFreeTextErasureReason() throws Exception {
        expectProblem(
                        mvc.perform(deleteUser("{\"reason\":\"she asked nicely\",\"requestedBy\":\"DATA_SUBJECT\"}")),
                        400)
                .andExpect(jsonPath("$.detail", containsString("Field 'reason' must be one of")))
                .andExpect(content().string(not(containsString("she asked nicely"))));
        verifyNoInteractions(commands);
    }

    @Test
    void rejectsAPathIdThatIsNotAUuid() throws Exception {
        expectProblem(
                        mvc.perform(patch("/api/users/not-a-uuid")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"displayName\":\"Ana\"}")),
                        400)
                .andExpect(jsonPath("$.type").value(PROBLEM + "invalid-parameter"))
                .andExpect(jsonPath("$.detail").value("Parameter 'id' must be a valid UUID."));
        verifyNoInteractions(commands);
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                Arguments.of(UserRejected.unknown(USER), 404, "unknown-user"),
                Arguments.of(UserRejected.erased(USER), 410, "user-erased"),
                Arguments.of(UserRejected.emailTaken(USER), 409, "email-taken"),
                Arguments.of(UserRejected.staleVersion(USER, 2, 5), 412, "stale-version"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("rejections")
    void mapsEachRejectionToItsStatus(UserRejected rejection, int status, String type) throws Exception {
        when(commands.send(any())).thenThrow(rejection);

        expectProblem(mvc.perform(patchProfile("{\"displayName\":\"Ana\"}")), status)
                .andExpect(jsonPath("$.type").value(PROBLEM + type))
                .andExpect(jsonPath("$.detail").value(rejection.getMessage()));
    }

    @Test
    void tellsTheCurrentVersionWhenTheIfMatchIsStale() throws Exception {
        when(commands.send(any())).thenThrow(UserRejected.staleVersion(USER, 2, 5));

        expectProblem(mvc.perform(patchProfile("{\"displayName\":\"Ana\"}").header(HttpHeaders.IF_MATCH, "\"2\"")), 412)
                .andExpect(jsonPath("$.currentVersion").value(5));
    }

    @Test
    void reportsATakenEmailWithoutEchoingIt() throws Exception {
        when(commands.send(any())).thenThrow(UserRejected.emailTaken(USER));

        expectProblem(mvc.perform(patchProfile("{\"email\":\"bob@example.com\"}")), 409)
                .andExpect(jsonPath("$.currentVersion").doesNotExist())
                .andExpect(content().string(not(containsString("bob@example.com"))));
    }

    @Test
    void mapsAMissingAggregateToNotFound() throws Exception {
        when(commands.send(any())).thenThrow(new AggregateNotFoundException(USER.toString(), "no events for " + USER));

        expectProblem(
                        mvc.perform(put(USER_URI + "/access")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"plan\":\"FREE\",\"tools\":[]}")),
                        404)
                .andExpect(jsonPath("$.type").value(PROBLEM + "unknown-user"))
                .andExpect(jsonPath("$.detail").value("User " + USER + " does not exist."));
    }

    @Test
    void mapsAConcurrentAppendToConflict() throws Exception {
        when(commands.send(any())).thenThrow(new ConcurrencyException("sequence number 3 already taken"));

        expectProblem(mvc.perform(patchProfile("{\"displayName\":\"Ana\"}")), 409)
                .andExpect(jsonPath("$.type").value(PROBLEM + "concurrent-modification"))
                .andExpect(content().string(not(containsString("sequence number"))));
    }

    @Test
    void hidesTheCauseOfAnUnexpectedFailure() throws Exception {
        when(commands.send(any())).thenThrow(new IllegalStateException("could not store ana.secret@example.com"));

        MvcResult result = expectProblem(mvc.perform(patchProfile("{\"displayName\":\"Ana\"}")), 500)
                .andExpect(jsonPath("$.type").value(PROBLEM + "internal-error"))
                .andReturn();

        assertThat(result.getResponse().getContentAsString())
                .doesNotContain("ana.secret@example.com", "could not store", "IllegalStateException", "Exception")
                .doesNotContainPattern("\\b(java|javax|jakarta|org|com)\\.[a-z]+\\.");
    }

    @Test
    void showsAUserWithItsVersionAsETag() throws Exception {
        Instant registeredAt = Instant.parse("2025-01-02T03:04:05Z");
        DirectoryEntry entry = new DirectoryEntry(USER, registeredAt);
        entry.profile(new UserProfile("ana@example.com", "Ana", "de-CH", "Europe/Zurich"), CIPHER);
        entry.access(new UserAccess(Plan.TEAM, List.of("billing", "wiki")));
        entry.touched(3, registeredAt.plusSeconds(60));
        when(directory.findById(USER)).thenReturn(Optional.of(entry));

        mvc.perform(get(USER_URI))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ETAG, "\"3\""))
                .andExpect(jsonPath("$.email").value("ana@example.com"))
                .andExpect(jsonPath("$.tools", containsInAnyOrder("billing", "wiki")))
                .andExpect(jsonPath("$.version").value(3));
    }

    @Test
    void answersNotFoundForAnUnknownUser() throws Exception {
        when(directory.findById(USER)).thenReturn(Optional.empty());

        expectProblem(mvc.perform(get(USER_URI)), 404)
                .andExpect(jsonPath("$.type").value(PROBLEM + "unknown-user"));
    }

    @Test
    void answersGoneForAnErasedUser() throws Exception {
        DirectoryEntry entry = new DirectoryEntry(USER, Instant.parse("2025-01-02T03:04:05Z"));
        entry.erase();
        when(directory.findById(USER)).thenReturn(Optional.of(entry));

        expectProblem(mvc.perform(get(USER_URI)), 410)
                .andExpect(jsonPath("$.type").value(PROBLEM + "user-erased"));
    }

    private static MockHttpServletRequestBuilder patchProfile(String body) {
        return patch(USER_URI).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static MockHttpServletRequestBuilder deleteUser(String body) {
        return delete(USER_URI).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static String registrationWith(String field) {
        String name = field.substring(0, field.indexOf(':'));
        String kept = Stream.of(
                        "\"email\":\"ana@example.com\"",
                        "\"displayName\":\"Ana\"",
                        "\"locale\":\"de-CH\"",
                        "\"timeZone\":\"Europe/Zurich\"",
                        "\"plan\":\"TEAM\"",
                        "\"tools\":[\"billing\"]")
                .filter(existing -> !existing.startsWith(name + ":"))
                .reduce((a, b) -> a + "," + b)
                .orElseThrow();
        return "{" + kept + "," + field + "}";
    }

    private static ResultActions expectProblem(ResultActions response, int status) throws Exception {
        return response.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status));
    }
}
