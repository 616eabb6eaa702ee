package com.example.usersync.events.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code UserErasureConfirmed} revision 1 to 2: {@code erasedAt} became {@code receivedAt}, because
 * the time recorded is when the user service received the receipt, not when the tool says it erased.
 * Works on the stored JSON, so the encrypted fields (none here) would pass through untouched.
 */
public final class UserErasureConfirmedReceivedAt extends SingleEventUpcaster {

    private static final String TYPE = "com.example.usersync.events.user.UserErasureConfirmed";
    static final SerializedType REVISION_1 = new SimpleSerializedType(TYPE, "1");
    static final SerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ObjectNode upcast = ((ObjectNode) payload).deepCopy();
            JsonNode erasedAt = upcast.remove("erasedAt");
            if (erasedAt != null && !upcast.has("receivedAt")) {
                upcast.set("receivedAt", erasedAt);
            }
            return upcast;
        });
    }
}
