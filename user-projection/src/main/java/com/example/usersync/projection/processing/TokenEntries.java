package com.example.usersync.projection.processing;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The {@code token_entry} table: Axon's {@code JdbcTokenStore} writes it (with {@link #SCHEMA});
 * this class is the one that reads it directly, for what the token store's API does not answer
 * without claiming a segment: every instance's segments, owners and positions.
 */
@Component
public class TokenEntries {

    static final TokenSchema SCHEMA = TokenSchema.builder()
            .setTokenTable("token_entry")
            .setProcessorNameColumn("processor_name")
            .setSegmentColumn("segment")
            .setTokenColumn("token")
            .setTokenTypeColumn("token_type")
            .setTimestampColumn("time_stamp")
            .setOwnerColumn("owner")
            .build();

    /**
     * @param owner    the instance holding the claim, null when unclaimed
     * @param position the token's position in the event store, null before the first event
     */
    public record Segment(int segment, String owner, Long position) {}

    private final JdbcClient jdbc;
    private final Serializer serializer;

    TokenEntries(JdbcClient jdbc, @Lazy Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** The processor's segments on every instance, by segment number. */
    public List<Segment> segments(String processor) {
        return jdbc.sql(
                        "SELECT segment, owner, token, token_type FROM token_entry WHERE processor_name = ? ORDER BY segment")
                .param(processor)
                .query((rs, row) -> new Segment(
                        rs.getInt("segment"),
                        rs.getString("owner"),
                        position(rs.getBytes("token"), rs.getString("token_type"))))
                .list();
    }

    /** The furthest position any of the processor's segments has reached; empty before any. */
    OptionalLong furthestPosition(String processor) {
        return segments(processor).stream()
                .map(Segment::position)
                .filter(Objects::nonNull)
                .mapToLong(Long::longValue)
                .max();
    }

    long segmentCount(String processor) {
        return jdbc.sql("SELECT COUNT(*) FROM token_entry WHERE processor_name = ?")
                .param(processor)
                .query(Long.class)
                .single();
    }

    private Long position(byte[] token, String type) {
        if (token == null || type == null) {
            return null;
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
        OptionalLong position = tracking == null ? OptionalLong.empty() : tracking.position();
        return position.isPresent() ? position.getAsLong() : null;
    }
}
