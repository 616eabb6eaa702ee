package com.example.usersync.logging;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.CoreConstants;

/**
 * Stack traces (Spring Boot's {@code %wEx}: on their own lines, with packaging data) with
 * {@link PersonalDataMask} applied to every message of the cause chain.
 */
public class MaskingThrowableConverter extends ExtendedThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return CoreConstants.LINE_SEPARATOR
                + PersonalDataMask.mask(super.throwableProxyToString(proxy))
                + CoreConstants.LINE_SEPARATOR;
    }
}
