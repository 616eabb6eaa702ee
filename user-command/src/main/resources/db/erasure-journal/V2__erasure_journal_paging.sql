-- GET /api/erasures pages the journal by (requested_at, user_id).
CREATE INDEX ix_erasure_journal_requested_user ON erasure_journal (requested_at, user_id);
