package com.example.usersync.projection.tools;

import com.example.usersync.projection.config.ProjectionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/**
 * Removes tool rows of users the tool has already erased. A deletion runs in its own dead-letter
 * sequence and usually in another segment than the user's other events (see
 * {@link ErasureFirstSequencing}); an update of that user still in flight in the other segment can
 * commit its row just after the erasure. Every write after the erasure's commit is stopped by the
 * erasure receipt, so such a row can only appear shortly after the receipt: sweeping the receipts
 * of the last {@code window} bounds how long it lives to one {@code interval}.
 */
@Component
class ErasureSweeper {

    private static final Logger log = LoggerFactory.getLogger(ErasureSweeper.class);

    private final ToolRegistry tools;
    private final Clock clock;
    private final Duration window;

    ErasureSweeper(ToolRegistry tools, Clock clock, ProjectionSettings.Erasure settings) {
        this.tools = tools;
        this.clock = clock;
        this.window = settings.sweepWindow();
    }

    @Scheduled(fixedDelayString = "#{@erasureSettings.sweepInterval().toMillis()}")
    void sweep() {
        for (String name : tools.names()) {
            tools.tool(name).ifPresent(tool -> {
                int swept = tool.table().sweepErased(clock.instant().minus(window));
                if (swept > 0) {
                    log.warn(
                            "Removed {} rows of erased users that an update in another segment wrote after the erasure in tool {}",
                            swept,
                            name);
                }
            });
        }
    }
}
