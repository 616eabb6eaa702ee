package com.example.usersync.platform.jdbc;

import com.example.usersync.logging.PostgresErrorDetails;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Every PostgreSQL pool of this service, whoever builds it, opens its connections so that database
 * errors never carry row values into a log ({@link PostgresErrorDetails}). H2 pools are left alone.
 */
public class TersePostgresErrors implements BeanPostProcessor {

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && PostgresErrorDetails.isPostgres(pool.getJdbcUrl())) {
            PostgresErrorDetails.DRIVER_PROPERTIES.forEach(pool::addDataSourceProperty);
            if (pool.getConnectionInitSql() == null) {
                pool.setConnectionInitSql(PostgresErrorDetails.SESSION_INIT_SQL);
            }
        }
        return bean;
    }
}
