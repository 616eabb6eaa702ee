package com.example.usersync.command.user;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;
import java.util.UUID;

interface EmailClaimRepository extends JpaRepository<EmailClaim, UUID> {

    Optional<EmailClaim> findByEmailKey(String emailKey);
}
