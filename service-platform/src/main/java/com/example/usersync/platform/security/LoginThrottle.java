package com.example.usersync.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Failed logins per account and per client address, as token buckets (Bucket4j): each failure takes
 * a token; an empty bucket refuses further logins for that account or address, without checking the
 * password, until it refills ({@code failures} tokens per {@code period}, one at a time). A burst of
 * failures is thus answered by a back-off that grows with the attempts, while successful logins take
 * nothing. Fed by Spring Security's own authentication failure events. Per instance, in memory,
 * bounded ({@code max-tracked} accounts and addresses each, least recently failed forgotten first).
 */
public class LoginThrottle {

    /**
     * @param accountFailures failed logins an account may have before it is throttled
     * @param addressFailures failed logins a client address may have before it is throttled
     * @param period          how long a full bucket takes to refill
     * @param maxTracked      accounts and addresses remembered, each
     */
    @Validated
    @ConfigurationProperties("user-sync.security.login-throttle")
    public record Limits(
            @DefaultValue("10") @Min(1) int accountFailures,
            @DefaultValue("50") @Min(1) int addressFailures,
            @DefaultValue("10m") Duration period,
            @DefaultValue("100000") @Min(1) int maxTracked) {}

    private final Limits limits;
    private final Cache<String, Bucket> accounts;
    private final Cache<String, Bucket> addresses;

    public LoginThrottle(Limits limits) {
        this.limits = limits;
        this.accounts = Caffeine.newBuilder()
                .maximumSize(limits.maxTracked())
                .expireAfterAccess(limits.period())
                .build();
        this.addresses = Caffeine.newBuilder()
                .maximumSize(limits.maxTracked())
                .expireAfterAccess(limits.period())
                .build();
    }

    /** How long the caller must wait before this account may try from this address; empty if it may now. */
    public Optional<Duration> backOff(String account, String address) {
        return Stream.of(accounts.getIfPresent(account), addresses.getIfPresent(address))
                .filter(bucket -> bucket != null)
                .map(bucket -> bucket.estimateAbilityToConsume(1))
                .filter(probe -> !probe.canBeConsumed())
                .map(probe -> Duration.ofNanos(probe.getNanosToWaitForRefill()))
                .max(Duration::compareTo);
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent failure) {
        String account = failure.getAuthentication().getName();
        if (account != null) {
            accounts.get(account, any -> bucket(limits.accountFailures())).tryConsume(1);
        }
        if (failure.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null) {
            addresses
                    .get(details.getRemoteAddress(), any -> bucket(limits.addressFailures()))
                    .tryConsume(1);
        }
    }

    private Bucket bucket(int failures) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(failures).refillGreedy(failures, limits.period()))
                .build();
    }
}
