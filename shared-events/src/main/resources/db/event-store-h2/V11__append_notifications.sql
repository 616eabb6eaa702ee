-- H2 has no notifications: the tool-sync service polls the event store (user-sync.event-store.poll-interval).
-- The PostgreSQL migration of the same version adds the trigger that notifies every append.
COMMENT ON TABLE domain_event_entry IS 'Events; readers on H2 poll for appends';
