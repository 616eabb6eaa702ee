-- Runs once, as POSTGRES_USER, when the postgres volume is first initialised (docker-entrypoint-initdb.d).
-- POSTGRES_USER owns the databases and is the account the services write with; Flyway in each
-- service creates the tables. Editing this file later has no effect on an existing volume.

CREATE DATABASE event_store;
CREATE DATABASE tools;
-- user-command's erasure journal. Production keeps it on a separate server or backup lifecycle:
-- restoring event_store must never restore (or roll back) the journal with it.
CREATE DATABASE erasure_journal;

-- Error messages in the server log without DETAIL (a unique key's "Key (…)=(…)", a check's
-- "Failing row contains (…)" quote row values: personal data). Superuser-only, so set here for
-- every role; the services' own sessions cannot set it unless they run as a superuser.
ALTER DATABASE event_store SET log_error_verbosity = 'terse';
ALTER DATABASE tools SET log_error_verbosity = 'terse';
ALTER DATABASE erasure_journal SET log_error_verbosity = 'terse';

-- user-projection only reads the event store. The password comes from the container environment
-- (psql's \getenv) so that it is never written into this file; if it is unset, the next statement
-- fails and so does the initialisation.
\getenv reader_password PROJECTION_READER_PASSWORD
CREATE ROLE projection_reader LOGIN PASSWORD :'reader_password';

-- PUBLIC may connect to every new database by default; the reader gets event_store only.
REVOKE CONNECT ON DATABASE event_store, tools, erasure_journal FROM PUBLIC;
GRANT CONNECT ON DATABASE event_store TO projection_reader;

\connect event_store
GRANT USAGE ON SCHEMA public TO projection_reader;
-- No table grants here, and deliberately no default privileges (they would hand the reader every
-- future table, the plaintext directory included): the tables do not exist yet. user-command, which
-- creates them, grants projection_reader SELECT on exactly the tables the projection reads
-- (domain_event_entry, subject_key) after each migration (user-sync.event-store.reader-role/-tables).
