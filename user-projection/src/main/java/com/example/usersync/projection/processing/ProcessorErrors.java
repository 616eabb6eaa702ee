package com.example.usersync.projection.processing;

import java.util.Optional;

/**
 * Errors of a tool's processing that leave no trace in its segments: Axon aborts a work package whose
 * batch failed and claims the segment again after a back-off, so between attempts the failure would be
 * invisible. Implementations say why a tool is stuck (type and reason, never data), until it recovers.
 */
public interface ProcessorErrors {

    Optional<String> lastError(String tool);
}
