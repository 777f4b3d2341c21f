-- 0017: what-if simulations run as jobs (issue 11 item 5): a job's settings beside its
-- input (a simulation's draft policy file, as JSON), and a finished simulation's figures
-- (the counts, charts and example people as JSON) beside its workbook.

ALTER TABLE jobs ADD COLUMN params TEXT NOT NULL DEFAULT '';
ALTER TABLE jobs ADD COLUMN figures TEXT;
CREATE INDEX jobs_kind ON jobs (kind, id);
