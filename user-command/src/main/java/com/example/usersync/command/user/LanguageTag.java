package com.example.usersync.command.user;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.IllformedLocaleException;
import java.util.Locale;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;

/** A well-formed BCP 47 language tag with a language, such as {@code en} or {@code de-CH}. Null is valid. */
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = LanguageTag.Validator.class)
@interface LanguageTag {

    String message() default "must be a BCP 47 language tag such as 'en' or 'de-CH'";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<LanguageTag, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            try {
                return value.length() <= 35
                        && !new Locale.Builder()
                                .setLanguageTag(value)
                                .build()
                                .getLanguage()
                                .isEmpty();
            } catch (IllformedLocaleException e) {
                return false;
            }
        }
    }
}
