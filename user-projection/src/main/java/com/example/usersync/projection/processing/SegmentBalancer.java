package com.example.usersync.projection.processing;

import com.example.usersync.projection.config.ProjectionSettings;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Spreads each tool's segments over the running instances. Pooled processors claim every free
 * segment, so the first instance up would keep them all. Each instance announces itself in
 * {@code projection_node}; one holding more than its fair share of a tool's segments releases the
 * surplus for a while (Axon's {@code releaseSegment}), and another instance claims it through
 * {@code token_entry}. An instance that stops releases its claims, which the others then take.
 */
@Component
class SegmentBalancer {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final EventProcessingConfiguration processing;
    private final ProcessingGroups tools;
    private final JdbcClient jdbc;
    private final TokenEntries tokens;
    private final Clock clock;
    private final String nodeId;
    private final Duration interval;

    SegmentBalancer(
            EventProcessingConfiguration processing,
            ProcessingGroups tools,
            JdbcClient jdbc,
            TokenEntries tokens,
            Clock clock,
            NodeId nodeId,
            ProjectionSettings settings) {
        this.tokens = tokens;
        this.clock = clock;
        this.processing = processing;
        this.tools = tools;
        this.jdbc = jdbc;
        this.nodeId = nodeId.value();
        this.interval = settings.balanceInterval();
    }

    // The settings tree by the name Spring Boot gives it (its prefix and class).
    @Scheduled(
            fixedDelayString =
                    "#{@'user-sync-com.example.usersync.projection.config.ProjectionSettings'.balanceInterval().toMillis()}")
    void balance() {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        if (jdbc.sql("UPDATE projection_node SET last_seen = ? WHERE node_id = ?")
                        .param(now)
                        .param(nodeId)
                        .update()
                == 0) {
            jdbc.sql("INSERT INTO projection_node (node_id, last_seen) VALUES (?, ?)")
                    .param(nodeId)
                    .param(now)
                    .update();
        }
        long live = jdbc.sql("SELECT COUNT(*) FROM projection_node WHERE last_seen > ?")
                .param(now.minus(interval.multipliedBy(3)))
                .query(Long.class)
                .single();
        for (String tool : tools.names()) {
            processing
                    .eventProcessor(tool, StreamingEventProcessor.class)
                    .filter(StreamingEventProcessor::isRunning)
                    .ifPresent(processor -> releaseSurplus(tool, processor, Math.max(live, 1)));
        }
    }

    private void releaseSurplus(String tool, StreamingEventProcessor processor, long liveNodes) {
        long segments = tokens.segmentCount(tool);
        long fairShare = (segments + liveNodes - 1) / liveNodes;
        List<Integer> owned = new ArrayList<>(processor.processingStatus().keySet());
        for (int i = 0; i < owned.size() - fairShare; i++) {
            log.info("Releasing segment {} of {} for another instance", owned.get(i), tool);
            processor.releaseSegment(owned.get(i), interval.multipliedBy(5).toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void leave() {
        jdbc.sql("DELETE FROM projection_node WHERE node_id = ?").param(nodeId).update();
    }
}
