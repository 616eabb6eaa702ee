package com.example.usersync.projection.external;

import com.example.usersync.projection.config.ProjectionSettings;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The contract of the external tools' messages, open like the OpenAPI document and, like it, not an
 * operation of the API it describes.
 */
@Hidden
@RestController
@Tag(name = "External tools", description = "What is published to the tools outside this service.")
class AsyncApiController {

    private final ObjectNode document;

    AsyncApiController(ProjectionSettings settings) {
        this.document = AsyncApiDocument.of(settings);
    }

    @GetMapping(path = "/asyncapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "getAsyncApi",
            summary = "Get the AsyncAPI document of the external tools",
            description = "AsyncAPI 3.0: one channel per declared external tool (its exchange), each event type's "
                    + "message with its headers, and the JSON Schema of the tool's minimised view. No tool declared: no "
                    + "channel.")
    @ApiResponse(
            responseCode = "200",
            description = "The AsyncAPI document.",
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            type = "object",
                                            additionalProperties = Schema.AdditionalPropertiesValue.TRUE)))
    ObjectNode asyncApi() {
        return document;
    }
}
