package com.example.usersync.command.erasure;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

interface ErasureRequests extends JpaRepository<ErasureRequest, UUID> {

    List<ErasureRequest> findAllByOrderByRequestedAtAsc();
}

interface ErasureConfirmations extends JpaRepository<ErasureConfirmation, ErasureConfirmation.Key> {

    List<ErasureConfirmation> findByKeyUserIdOrderByKeyToolAsc(UUID userId);

    /** One query for a page of erasures. */
    List<ErasureConfirmation> findByKeyUserIdInOrderByKeyToolAsc(Collection<UUID> userIds);
}
