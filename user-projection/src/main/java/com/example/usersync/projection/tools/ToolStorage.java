package com.example.usersync.projection.tools;

import com.example.usersync.projection.erasure.ErasureReceipts;
import com.example.usersync.projection.processing.DeadLetterEntries;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/** What every tool is kept with: the database, savepoints, withheld users, erasure receipts, dead letters, the clock. */
@Component
public class ToolStorage {

    private final JdbcTemplate batches;
    private final JdbcClient jdbc;
    private final TransactionTemplate savepoint;
    private final WithheldUsers withheld;
    private final ErasureReceipts receipts;
    private final DeadLetterEntries deadLetters;
    private final Clock clock;

    public ToolStorage(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            ErasureReceipts receipts,
            DeadLetterEntries deadLetters,
            Clock clock) {
        this.deadLetters = deadLetters;
        this.batches = jdbc;
        this.jdbc = JdbcClient.create(jdbc);
        this.clock = clock;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.withheld = new WithheldUsers(this.jdbc);
        this.receipts = receipts;
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    /** For JDBC batches (one round trip for many statements), which {@link JdbcClient} does not do. */
    JdbcTemplate batches() {
        return batches;
    }

    TransactionTemplate savepoint() {
        return savepoint;
    }

    WithheldUsers withheld() {
        return withheld;
    }

    ErasureReceipts receipts() {
        return receipts;
    }

    DeadLetterEntries deadLetters() {
        return deadLetters;
    }

    Clock clock() {
        return clock;
    }
}
