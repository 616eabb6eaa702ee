-- Bounded reads: keyset paging needs an index on its sort keys.

-- GET /api/users?updatedSince=…: keyset by (updated_at, user_id), no sequential scan and sort.
CREATE INDEX ix_user_directory_updated ON user_directory (updated_at, user_id);

-- GET /api/access-log?userId=…: one person's accesses, newest first, keyset by id.
CREATE INDEX ix_personal_data_access_subject_id ON personal_data_access (subject_id, id);
