package com.example.usersync.platform.jdbc;

import com.example.usersync.logging.PostgresErrorDetails;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Every PostgreSQL pool of this service, whoever builds it, opens its connections ({@link #SESSION_INIT_SQL})
 * <ul>
 *   <li>so that database errors never carry row values into a log ({@link PostgresErrorDetails});</li>
 *   <li>with {@code plan_cache_mode = force_custom_plan}: every execution of a prepared statement is
 *       planned for its parameters. pgjdbc prepares a statement on the server after five executions, and
 *       PostgreSQL then may keep a generic plan made while the event store was empty: a sequential scan of
 *       {@code domain_event_entry} for Axon's tracked-event fetch, kept as the table grew (auto_explain
 *       during the benchmark harness's fill: 17,500 such scans, and the fill slowed as the store grew;
 *       BENCHMARKS.md). Planning each execution costs a fraction of a millisecond. A session setting,
 *       not a startup option, so connection poolers in front of PostgreSQL (PgBouncer) accept it.</li>
 * </ul>
 * A pool given its own init SQL keeps it (and sets both itself). H2 pools are left alone.
 */
public class PostgresSessions implements BeanPostProcessor {

    /** One statement (Hikari runs one): custom plans for everyone, terse errors where the role may set them. */
    public static final String SESSION_INIT_SQL = "SELECT set_config('plan_cache_mode', 'force_custom_plan', false), "
            + PostgresErrorDetails.SESSION_INIT_SQL.substring("SELECT ".length());

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && PostgresErrorDetails.isPostgres(pool.getJdbcUrl())) {
            PostgresErrorDetails.DRIVER_PROPERTIES.forEach(pool::addDataSourceProperty);
            if (pool.getConnectionInitSql() == null) {
                pool.setConnectionInitSql(SESSION_INIT_SQL);
            }
        }
        return bean;
    }
}
