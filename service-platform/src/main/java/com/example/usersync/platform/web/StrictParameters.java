package com.example.usersync.platform.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Path and query parameters mean what the API documents say: a {@code uuid} is a UUID, a
 * {@code date-time} an RFC 3339 timestamp. Spring's own conversions are laxer: a blank UUID becomes
 * no value (so {@code ?ids=,,} named no users and was answered 200), {@code 1-2-3-4-5} is a UUID, and
 * an Instant may be epoch milliseconds ({@code -1}) or carry a nine-digit year.
 */
@Configuration(proxyBeanMethods = false)
class StrictParameters implements WebMvcConfigurer {

    private static final Pattern UUID_TEXT =
            Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");
    private static final Pattern RFC_3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, UUID.class, StrictParameters::uuid);
        registry.addConverter(String.class, Instant.class, StrictParameters::instant);
    }

    static UUID uuid(String text) {
        if (!UUID_TEXT.matcher(text).matches()) {
            throw new IllegalArgumentException("Not a UUID");
        }
        return UUID.fromString(text);
    }

    static Instant instant(String text) {
        if (!RFC_3339.matcher(text).matches()) {
            throw new IllegalArgumentException("Not an RFC 3339 date-time");
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException impossible) {
            throw new IllegalArgumentException("Not a date-time", impossible);
        }
    }
}
