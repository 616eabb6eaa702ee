package com.example.usersync.projection.processing;

import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The {@code dead_letter_entry} table: Axon's {@code JdbcSequencedDeadLetterQueue} writes it (with
 * {@link #SCHEMA}); this class holds the statements that need no letter deserialized: counts, pages
 * of sequences, the latest cause, and evicting an erased user's letters.
 */
@Component
public class DeadLetterEntries {

    static final DeadLetterSchema SCHEMA = DeadLetterSchema.builder()
            .deadLetterTable("dead_letter_entry")
            .deadLetterIdentifierColumn("dead_letter_id")
            .processingGroupColumn("processing_group")
            .sequenceIdentifierColumn("sequence_identifier")
            .sequenceIndexColumn("sequence_index")
            .messageTypeColumn("message_type")
            .eventIdentifierColumn("event_identifier")
            .timestampColumn("time_stamp")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .aggregateTypeColumn("aggregate_type")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .tokenTypeColumn("token_type")
            .tokenColumn("token")
            .enqueuedAtColumn("enqueued_at")
            .lastTouchedColumn("last_touched")
            .processingStartedColumn("processing_started")
            .causeTypeColumn("cause_type")
            .causeMessageColumn("cause_message")
            .diagnosticsColumn("diagnostics")
            .build();

    public record Sequence(String sequenceIdentifier, long letters) {}

    public record Counts(long letters, long sequences) {}

    private final JdbcClient jdbc;

    public DeadLetterEntries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Drops the letters of the user's own sequence ({@link ErasureFirstSequencing#userSequence}) in
     * one statement: they hold events of a person who is gone, whose personal fields can no longer
     * be decrypted, so Axon's queue API, which loads each letter, is no use here.
     */
    public int evictUserSequence(String processingGroup, String userId) {
        return jdbc.sql("DELETE FROM dead_letter_entry WHERE processing_group = ? AND sequence_identifier = ?")
                .param(processingGroup)
                .param(ErasureFirstSequencing.userSequence(userId))
                .update();
    }

    /** One page of the group's sequences in sequence id order, with their sizes. */
    public List<Sequence> sequences(String processingGroup, String afterSequence, int limit) {
        return jdbc.sql("""
                        SELECT sequence_identifier, COUNT(*) AS letters FROM dead_letter_entry
                        WHERE processing_group = ? AND sequence_identifier > ?
                        GROUP BY sequence_identifier ORDER BY sequence_identifier LIMIT ?""")
                .params(processingGroup, afterSequence == null ? "" : afterSequence, limit)
                .query(Sequence.class)
                .list();
    }

    /** Counted by the database (one query), not by reading the queue. */
    public Counts counts(String processingGroup) {
        return jdbc.sql("""
                        SELECT COUNT(*) AS letters, COUNT(DISTINCT sequence_identifier) AS sequences
                        FROM dead_letter_entry WHERE processing_group = ?""").param(processingGroup).query(Counts.class).single();
    }

    /** The cause of the most recently touched letter (already redacted when it was stored). */
    public Optional<String> latestCause(String processingGroup) {
        return jdbc.sql("""
                        SELECT cause_message FROM dead_letter_entry
                        WHERE processing_group = ? AND cause_message IS NOT NULL
                        ORDER BY last_touched DESC, dead_letter_id LIMIT 1""").param(processingGroup).query(String.class).optional();
    }
}
