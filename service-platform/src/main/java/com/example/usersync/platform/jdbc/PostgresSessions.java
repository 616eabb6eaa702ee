package com.example.usersync.platform.jdbc;

import com.example.usersync.logging.PostgresErrorDetails;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Every PostgreSQL pool of this service, whoever builds it, opens its connections
 * <ul>
 *   <li>so that database errors never carry row values into a log ({@link PostgresErrorDetails});</li>
 *   <li>with {@code plan_cache_mode = force_custom_plan} ({@link #CUSTOM_PLANS}): every execution of a
 *       prepared statement is planned for its parameters. pgjdbc prepares a statement on the server after
 *       five executions, and PostgreSQL then may keep a generic plan made while the event store was empty: a
 *       sequential scan of {@code domain_event_entry} for Axon's tracked-event fetch, kept as the table grew
 *       (auto_explain during the benchmark harness's fill: 17,500 such scans; the fill slowed as the store
 *       grew, BENCHMARKS.md). Planning each execution costs a fraction of a millisecond.</li>
 * </ul>
 * A pool given its own {@code options} data-source property keeps it. H2 pools are left alone.
 */
public class PostgresSessions implements BeanPostProcessor {

    /** pgjdbc's startup {@code options}: a user-settable setting, so any role may have it. */
    public static final String CUSTOM_PLANS = "-c plan_cache_mode=force_custom_plan";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && PostgresErrorDetails.isPostgres(pool.getJdbcUrl())) {
            PostgresErrorDetails.DRIVER_PROPERTIES.forEach(pool::addDataSourceProperty);
            if (pool.getConnectionInitSql() == null) {
                pool.setConnectionInitSql(PostgresErrorDetails.SESSION_INIT_SQL);
            }
            if (!pool.getDataSourceProperties().containsKey("options")) {
                pool.addDataSourceProperty("options", CUSTOM_PLANS);
            }
        }
        return bean;
    }
}
