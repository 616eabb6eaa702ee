-- Every append wakes the tool-sync service at once: it listens on this channel (AppendWatch) and
-- polls only as the fallback. The notification carries nothing; it is sent when the appending
-- transaction commits, once per transaction however many events it appended.
CREATE FUNCTION notify_user_sync_appends() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('user_sync_appends', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER domain_event_entry_appended
    AFTER INSERT ON domain_event_entry
    FOR EACH STATEMENT EXECUTE FUNCTION notify_user_sync_appends();
