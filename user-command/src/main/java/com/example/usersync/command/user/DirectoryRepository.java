package com.example.usersync.command.user;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

interface DirectoryRepository extends JpaRepository<DirectoryEntry, UUID> {

    /**
     * Keyset paging by (updatedAt, userId): stable while users keep changing. The row comparison is
     * a range on index {@code ix_user_directory_updated}, where the equivalent OR is only a filter.
     */
    @Query("""
            SELECT e FROM DirectoryEntry e
            WHERE (e.updatedAt, e.userId) > (:after, :afterId)
            ORDER BY e.updatedAt, e.userId""")
    List<DirectoryEntry> updatedAfter(Instant after, UUID afterId, Limit limit);

    List<DirectoryEntry> findByUserIdGreaterThanOrderByUserId(UUID afterId, Limit limit);
}
