-- 0011: the department's statistics and the policy versions (issue 11 items 3 and 4).
--
-- stage_spells: one row each time an application leaves a stage, with the days it stood
-- there, so that the dashboard's median and 90th percentile are one GROUP BY (stage, days).
-- Applications that moved before this migration have no rows: their audit events remain.
CREATE TABLE stage_spells (
    application_id INTEGER NOT NULL REFERENCES applications (id),
    stage          TEXT    NOT NULL,  -- the stage left
    entered_at     INTEGER  NOT NULL,  -- unix milliseconds
    left_at        INTEGER  NOT NULL,
    days           INTEGER NOT NULL   -- whole days between the two
);
CREATE INDEX stage_spells_application ON stage_spells (application_id, left_at);
CREATE INDEX stage_spells_stage ON stage_spells (stage, days);

-- policies: the policy files the admin uploaded, each judged from its effective date; the
-- service's set is the built-in files plus these. The counter 'policies' in counters goes up
-- with every change, so that every app server sees it and reloads.
CREATE TABLE policies (
    id             INTEGER PRIMARY KEY,
    policy_id      TEXT    NOT NULL UNIQUE, -- the file's id
    effective_from TEXT    NOT NULL UNIQUE, -- YYYY-MM-DD
    body           TEXT    NOT NULL,        -- the file as uploaded
    uploaded_by    TEXT    NOT NULL,
    uploaded_at    INTEGER  NOT NULL
);

-- The dashboard's GROUP BYs read these narrow indexes instead of the applications' rows (whose
-- documents are large): every count is an index scan, and a region's (a 职改办's) is a range
-- of each of its employers.
CREATE INDEX applications_stats ON applications (employer_id, stage, route, series, level, kind);
CREATE INDEX applications_decisions ON applications (decision, committee_id, review_group, employer_id);
CREATE INDEX applications_certified ON applications (certified_on, kind, employer_id);
CREATE INDEX applications_revoked ON applications (revoked_on, employer_id);
CREATE INDEX organisations_region ON organisations (region, id);
