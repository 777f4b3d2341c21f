-- 0008: indexes for paged, counted and searchable lists (store/page.go).
--
-- Lists page by keyset on (created_at, id), within the column that scopes them to a role,
-- with stage and kind in the index so that a filtered page is read from the index alone;
-- totals count by (scope, stage). Names are searched by prefix on a normalised key that the
-- engine keeps itself (a generated column), so no writer has to remember it; SQLite's LIKE
-- uses an index only when the index's collation is NOCASE.

ALTER TABLE people ADD COLUMN name_key TEXT COLLATE NOCASE GENERATED ALWAYS AS (lower(name)) VIRTUAL;
CREATE INDEX people_name_key ON people (name_key);
CREATE INDEX people_id_number_prefix ON people (id_number COLLATE NOCASE);

ALTER TABLE organisations ADD COLUMN name_key TEXT COLLATE NOCASE GENERATED ALWAYS AS (lower(name)) VIRTUAL;
CREATE INDEX organisations_name_key ON organisations (name_key);

CREATE INDEX applications_created ON applications (created_at, id, stage, kind);
CREATE INDEX applications_stage_created ON applications (stage, created_at, id);
CREATE INDEX applications_person_created ON applications (person_id, created_at, id, stage, kind);
CREATE INDEX applications_employer_created ON applications (employer_id, created_at, id, stage, kind);
CREATE INDEX applications_office_created ON applications (office_id, created_at, id, stage, kind);
CREATE INDEX applications_committee_created ON applications (committee_id, created_at, id, stage, kind);
CREATE INDEX applications_evaluator_created ON applications (evaluator_id, created_at, id, stage, kind);
CREATE INDEX applications_office_stage ON applications (office_id, kind, stage);
CREATE INDEX applications_employer_stage ON applications (employer_id, stage);
CREATE INDEX applications_committee_stage ON applications (committee_id, stage);
CREATE INDEX applications_evaluator_stage ON applications (evaluator_id, kind, stage);
CREATE INDEX applications_occupation ON applications (occupation_code);

-- The single-column indexes of 0001 are prefixes of the ones above.
DROP INDEX applications_person;
DROP INDEX applications_employer;
DROP INDEX applications_office;
DROP INDEX applications_committee;
DROP INDEX applications_evaluator;
DROP INDEX applications_stage;
