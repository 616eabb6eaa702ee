package com.example.usersync.projection.tools;

import com.example.usersync.projection.erasure.ErasureReceipts;
import com.example.usersync.projection.processing.DeadLetterEntries;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** What every tool is kept with: the database, savepoints, withheld users, erasure receipts and dead letters. */
@Component
public class ToolStorage {

    private final JdbcClient jdbc;
    private final TransactionTemplate savepoint;
    private final WithheldUsers withheld;
    private final ErasureReceipts receipts;
    private final DeadLetterEntries deadLetters;

    public ToolStorage(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            ErasureReceipts receipts,
            DeadLetterEntries deadLetters) {
        this.deadLetters = deadLetters;
        this.jdbc = jdbc;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.withheld = new WithheldUsers(jdbc);
        this.receipts = receipts;
    }

    JdbcClient jdbc() {
        return jdbc;
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
}
