-- No plaintext in the event store database: the directory holds email and name encrypted with the
-- user's key (pd:v1:<subject>:<base64>), and user_email.email_key an HMAC of the address (64 hex).
-- Existing rows are converted by the start-up backfill (DirectoryBackfill).
ALTER TABLE user_directory ALTER COLUMN email SET DATA TYPE VARCHAR(2048);
ALTER TABLE user_directory ALTER COLUMN display_name SET DATA TYPE VARCHAR(2048);
