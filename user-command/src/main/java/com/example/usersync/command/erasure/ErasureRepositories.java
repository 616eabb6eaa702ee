package com.example.usersync.command.erasure;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

interface ErasureRequests extends JpaRepository<ErasureRequest, UUID> {

    List<ErasureRequest> findAllByOrderByRequestedAtAsc();

    long countByRequestedAtBefore(Instant before);

    /**
     * Requests made before {@code before} that fewer than all {@code required} tools confirmed: one
     * query, counted by the database (the operators' gauges; {@code required} must not be empty).
     */
    @Query("""
            SELECT COUNT(r) FROM ErasureRequest r
            WHERE r.requestedAt < :before
            AND (SELECT COUNT(c) FROM ErasureConfirmation c
                 WHERE c.key.userId = r.userId AND c.key.tool IN :required) < :requiredCount""")
    long countUnconfirmedBefore(Collection<String> required, long requiredCount, Instant before);
}

interface ErasureConfirmations extends JpaRepository<ErasureConfirmation, ErasureConfirmation.Key> {

    List<ErasureConfirmation> findByKeyUserIdOrderByKeyToolAsc(UUID userId);

    /** One query for a page of erasures. */
    List<ErasureConfirmation> findByKeyUserIdInOrderByKeyToolAsc(Collection<UUID> userIds);
}
