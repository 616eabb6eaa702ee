-- A receipt the user service refused for good (400/403/404/409/410/422) is parked: no longer retried
-- on its own, listed for the operator (GET /api/admin/receipts?state=parked), who re-queues it once
-- the cause is fixed. last_status and last_problem (the problem type, never a body) say why.
ALTER TABLE erasure_receipt ADD COLUMN parked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE erasure_receipt ADD COLUMN last_status INTEGER;
ALTER TABLE erasure_receipt ADD COLUMN last_problem VARCHAR(200);
