package com.example.usersync.command.console;

import com.example.usersync.command.audit.ToolCopies;
import com.example.usersync.command.tools.KnownTools;
import com.example.usersync.logging.Redacted;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every tool's copy of a user, read from the tool-sync service's API as the export reads it: the
 * service account names the person at the console in {@code X-On-Behalf-Of}, so the tool-sync
 * service's access log records that person.
 */
@Component
class ToolCopyReader {

    /**
     * One tool's copy: its fields (version first), or nothing held, or not readable now, or held
     * outside (an external tool keeps its copy in its own store).
     */
    record Copy(
            String tool,
            Map<String, String> fields,
            Long version,
            boolean held,
            boolean unavailable,
            boolean external) {
        /** The tool's fields are personal data (mailing holds email and name). */
        @Override
        public String toString() {
            return Redacted.toString(this, "fields");
        }
    }

    private final ToolCopies projection;
    private final KnownTools tools;

    ToolCopyReader(ToolCopies projection, KnownTools tools) {
        this.projection = projection;
        this.tools = tools;
    }

    List<Copy> copiesOf(UUID userId, String person) {
        List<Copy> copies = new ArrayList<>();
        for (String tool : tools.names()) {
            copies.add(copy(tool, userId, person));
        }
        return copies;
    }

    private Copy copy(String tool, UUID userId, String person) {
        try {
            ResponseEntity<JsonNode> answer = projection.copyOf(tool, userId, person);
            JsonNode body = answer.getBody();
            if (!answer.getStatusCode().is2xxSuccessful() || body == null) {
                return new Copy(tool, Map.of(), null, false, true, false);
            }
            Map<String, String> fields = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = body.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getKey().equals("userId") && !field.getKey().equals("version")) {
                    fields.put(
                            field.getKey(),
                            field.getValue().isValueNode()
                                    ? field.getValue().asText()
                                    : field.getValue().toString());
                }
            }
            Long version = body.hasNonNull("version") ? body.get("version").asLong() : null;
            return new Copy(tool, fields, version, true, false, false);
        } catch (HttpClientErrorException.NotFound nothing) {
            return new Copy(tool, Map.of(), null, false, false, false);
        } catch (HttpClientErrorException.Conflict externalTool) {
            return new Copy(tool, Map.of(), null, false, false, true);
        } catch (RestClientException unavailable) {
            return new Copy(tool, Map.of(), null, false, true, false);
        }
    }
}
