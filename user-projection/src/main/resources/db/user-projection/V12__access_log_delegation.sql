-- A read a service made on behalf of a person (a data export for an auditor) is that person's
-- read: actor names the person, via the service account that carried the request.
ALTER TABLE personal_data_access ADD COLUMN via VARCHAR(100);

-- GET /api/access-log?userId=…: one person's accesses, newest first, keyset by id.
CREATE INDEX ix_personal_data_access_subject_id ON personal_data_access (subject_id, id);
