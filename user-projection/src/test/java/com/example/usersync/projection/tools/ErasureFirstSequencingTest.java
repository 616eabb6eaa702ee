package com.example.usersync.projection.tools;

import com.example.usersync.events.user.ErasureReason;
import com.example.usersync.events.user.ErasureRequester;
import com.example.usersync.events.user.UserDeleted;
import com.example.usersync.projection.processing.ErasureFirstSequencing;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ErasureFirstSequencingTest {

    private final ErasureFirstSequencing policy = new ErasureFirstSequencing();

    @Test
    void aUsersEventsAreSequencedByTheUserIdAsAString() {
        String userId = UUID.randomUUID().toString();

        assertThat(policy.getSequenceIdentifierFor(
                        new GenericDomainEventMessage<>("User", userId, 3, "profile changed")))
                .isInstanceOf(String.class)
                .isEqualTo(userId);
    }

    @Test
    void aDeletionHasItsOwnStringSequenceNamedAfterTheUser() {
        UUID userId = UUID.randomUUID();

        assertThat(policy.getSequenceIdentifierFor(deletion(userId)))
                .isInstanceOf(String.class)
                .isEqualTo("erasure:" + userId)
                .isNotEqualTo(policy.getSequenceIdentifierFor(
                        new GenericDomainEventMessage<>("User", userId.toString(), 1, "x")));
    }

    /** Axon's JDBC queue would have stored a non-String identifier as its hash, putting both in one sequence. */
    @Test
    void twoUsersWhoseIdsShareAHashNeverShareASequence() {
        UUID first = UUID.fromString("a67c8b5b-a92a-4297-b337-2b93ee1fe4cd");
        UUID second = UUID.fromString("a80bd5cf-3dbb-43e7-8078-728eb2d23352");
        assertThat(first.toString().hashCode()).isEqualTo(second.toString().hashCode());

        assertThat(policy.getSequenceIdentifierFor(deletion(first)))
                .isNotEqualTo(policy.getSequenceIdentifierFor(deletion(second)));
        assertThat(policy.getSequenceIdentifierFor(new GenericDomainEventMessage<>("User", first.toString(), 0, "x")))
                .isNotEqualTo(policy.getSequenceIdentifierFor(
                        new GenericDomainEventMessage<>("User", second.toString(), 0, "x")));
    }

    @Test
    void eventsOfNoUserHaveNoSequence() {
        assertThat(policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage("not about a user")))
                .isNull();
    }

    private static GenericDomainEventMessage<UserDeleted> deletion(UUID userId) {
        return new GenericDomainEventMessage<>(
                "User",
                userId.toString(),
                7,
                new UserDeleted(userId, ErasureReason.DATA_SUBJECT_REQUEST, ErasureRequester.DATA_SUBJECT));
    }
}
