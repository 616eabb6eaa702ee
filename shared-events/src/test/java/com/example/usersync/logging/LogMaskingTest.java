package com.example.usersync.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** The Logback safety net as both services install it (logback-masking.xml), on a console appender. */
class LogMaskingTest {

    @Test
    void emailsAndDatabaseErrorDetailsAreMaskedInMessagesAndStackTraces() throws Exception {
        String logged = log(context -> {
            Logger logger = context.getLogger("com.example.Anything");
            logger.info("registered jane.o'neil+tag@sub.example.co.uk as user 7");
            logger.warn(
                    "insert failed", new IllegalStateException("could not execute statement", new SQLException("""
                            ERROR: duplicate key value violates unique constraint "uk_email"
                              Detail: Key (email)=(jäne@example.com) already exists.""")));
            logger.warn("check failed", new SQLException("""
                    ERROR: new row for relation "mailing_contact" violates check constraint "poison"
                      Detail: Failing row contains (4d0c, 3, Jane Doe, Zürich (HQ), de-CH)."""));
            logger.error("H2 said: Unique index or primary key violation: \"PUBLIC.UK ON PUBLIC.T(NAME NULLS FIRST) "
                    + "VALUES ( /* 1 */ 'Jane Doe' )\"; SQL statement:");
            logger.info("composite Key (tool, name)=(billing, Jane (Doe)) is not present in table");
            logger.debug("not logged at INFO");
            logger.info(
                    "Resolved [MethodArgumentNotValidException: [Field error in object 'registration' on field 'displayName': "
                            + "rejected value [Jane [the] Doe]; codes [Size.registration.displayName,Size]; arguments []; default message [size]]");
        });

        assertThat(logged)
                .doesNotContain("jane", "Jane", "jäne")
                .contains("registered <masked> as user 7")
                .contains("Key (email)=(<masked>) already exists.")
                .contains("Failing row contains (<masked>)")
                .contains("VALUES ( /* 1 */ <masked> )")
                .contains("Key (tool, name)=(<masked>) is not present")
                .contains(
                        "on field 'displayName': rejected value [<masked>]; codes [Size.registration.displayName,Size]")
                .contains(
                        "violates unique constraint \"uk_email\"",
                        "java.lang.IllegalStateException: could not execute statement",
                        "at com.example.usersync.logging.LogMaskingTest");
    }

    @Test
    void theLoggersThatPrintBoundValuesAreDeniedAtEveryLevelBelowInfo() throws Exception {
        String logged = log(context -> {
            for (String name : BindParameterFilter.DENIED) {
                context.getLogger(name).setLevel(Level.TRACE);
                context.getLogger(name + ".Child").trace("binding parameter (1:VARCHAR) <- [Jane Doe]");
                context.getLogger(name).debug("Jane Doe");
            }
            context.getLogger("org.hibernate.SQL").setLevel(Level.DEBUG);
            context.getLogger("org.hibernate.SQL").debug("insert into mailing_contact (display_name) values (?)");
            context.getLogger("org.hibernate.orm.jdbc.bind").warn("a warning still shows");
        });

        assertThat(logged)
                .doesNotContain("Jane")
                .contains("insert into mailing_contact (display_name) values (?)")
                .contains("a warning still shows");
    }

    private static String log(java.util.function.Consumer<LoggerContext> logging) throws JoranException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(new ByteArrayInputStream("""
                    <configuration>
                        <include resource="com/example/usersync/logging/logback-masking.xml"/>
                    </configuration>""".getBytes(StandardCharsets.UTF_8)));
            PatternLayoutEncoder encoder = new PatternLayoutEncoder();
            encoder.setContext(context);
            encoder.setPattern("%-5level %logger - %m%n%wEx");
            encoder.setCharset(StandardCharsets.UTF_8);
            encoder.start();
            OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
            appender.setContext(context);
            appender.setEncoder(encoder);
            appender.setOutputStream(out);
            appender.start();
            ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.setLevel(Level.INFO);
            root.addAppender(appender);
            logging.accept(context);
        } finally {
            context.stop();
        }
        String logged = out.toString(StandardCharsets.UTF_8);
        assertThat(logged)
                .as(context.getStatusManager().getCopyOfStatusList().toString())
                .isNotEmpty();
        return logged;
    }
}
