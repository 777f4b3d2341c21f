-- 0017: what-if simulations run as jobs, as sqlite/0017_simulations.sql adds them.

ALTER TABLE jobs ADD COLUMN params TEXT NOT NULL DEFAULT '';
ALTER TABLE jobs ADD COLUMN figures TEXT;
CREATE INDEX jobs_kind ON jobs (kind, id);
