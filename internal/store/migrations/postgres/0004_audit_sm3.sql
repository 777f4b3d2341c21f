-- The audit chain moves to SM3 (GB/T 32905). Rows written before keep SHA-256, recorded here,
-- so the whole chain stays verifiable across the change; new rows say 'sm3'.
ALTER TABLE audit ADD COLUMN alg TEXT NOT NULL DEFAULT 'sha256';
