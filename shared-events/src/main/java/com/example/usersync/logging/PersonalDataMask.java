package com.example.usersync.logging;

import java.util.regex.Pattern;

/**
 * Masks what looks like personal data in a log line: email-shaped strings and the values a
 * database quotes in its error details ({@code Key (email)=(…)}, {@code Failing row contains (…)},
 * H2's {@code VALUES (…)}) and the values a validation rejected. A safety net behind the rules that keep such values out of log
 * statements in the first place; it cannot recognise a bare name.
 */
public final class PersonalDataMask {

    public static final String MASK = "<masked>";

    private static final Pattern EMAIL =
            Pattern.compile("[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
    /** PostgreSQL: {@code Key (a, b)=(x, y) already exists}; the values may contain parentheses. */
    private static final Pattern KEY_DETAIL = Pattern.compile(
            "(Key \\([^)]*\\)=\\().*?(\\)(?: already exists| is not present| conflicts)|$)", Pattern.MULTILINE);
    /** PostgreSQL: {@code Failing row contains (…)}, to the end of the line. */
    private static final Pattern FAILING_ROW = Pattern.compile("(Failing row contains \\().*$", Pattern.MULTILINE);
    /** H2: {@code … ON PUBLIC.T(C) VALUES ( /}{@code * 1 *}{@code / 'x' )"}, the quoted values only. */
    private static final Pattern H2_VALUES =
            Pattern.compile("(VALUES \\( /\\* \\d+ \\*/ ).*?( \\)\"|$)", Pattern.MULTILINE);

    /** Spring's field errors (validation failures, logged at DEBUG): {@code rejected value [x]; codes […]}. */
    private static final Pattern REJECTED_VALUE =
            Pattern.compile("(rejected value \\[).*?(\\]; codes \\[)", Pattern.DOTALL);

    private PersonalDataMask() {}

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        if (masked.indexOf('@') >= 0) {
            masked = EMAIL.matcher(masked).replaceAll(MASK);
        }
        if (masked.contains("Key (")) {
            masked = KEY_DETAIL.matcher(masked).replaceAll("$1" + MASK + "$2");
        }
        if (masked.contains("Failing row contains")) {
            masked = FAILING_ROW.matcher(masked).replaceAll("$1" + MASK + ")");
        }
        if (masked.contains("rejected value [")) {
            masked = REJECTED_VALUE.matcher(masked).replaceAll("$1" + MASK + "$2");
        }
        if (masked.contains("VALUES ( /*")) {
            masked = H2_VALUES.matcher(masked).replaceAll("$1" + MASK + "$2");
        }
        return masked;
    }
}
