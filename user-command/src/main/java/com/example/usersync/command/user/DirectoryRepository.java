package com.example.usersync.command.user;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.UUID;

interface DirectoryRepository extends JpaRepository<DirectoryEntry, UUID> {
}
