-- 0014: exact totals without counting (issue 10, p99 at a province's volume).
--
-- application_counts holds how many applications each scope has at each kind and stage:
-- the whole province (scope 'all', id 0), an applicant ('person'), an employer, a 职改办
-- ('office'), a committee, an evaluation organisation ('evaluator'), and an employer's HR,
-- who sees its staff's applications and those routed to it for evaluation, each once ('org').
-- Triggers keep it in the transaction of every change, whoever writes (the service, the
-- demo's bulk insert, a restore), so that an unfiltered total is a lookup of a few rows
-- instead of a count over a million index entries (store/counts.go).

CREATE TABLE application_counts (
    scope    TEXT    NOT NULL,
    scope_id INTEGER NOT NULL,
    kind     TEXT    NOT NULL,
    stage    TEXT    NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (scope, scope_id, kind, stage)
) WITHOUT ROWID;

INSERT INTO application_counts (scope, scope_id, kind, stage, n)
SELECT scope, scope_id, kind, stage, COUNT(*) FROM (
    SELECT 'all' AS scope, 0 AS scope_id, kind, stage FROM applications
    UNION ALL SELECT 'person', person_id, kind, stage FROM applications
    UNION ALL SELECT 'employer', employer_id, kind, stage FROM applications
    UNION ALL SELECT 'office', office_id, kind, stage FROM applications WHERE office_id IS NOT NULL
    UNION ALL SELECT 'committee', committee_id, kind, stage FROM applications WHERE committee_id IS NOT NULL
    UNION ALL SELECT 'evaluator', evaluator_id, kind, stage FROM applications WHERE evaluator_id IS NOT NULL
    UNION ALL SELECT 'org', employer_id, kind, stage FROM applications
    UNION ALL SELECT 'org', evaluator_id, kind, stage FROM applications WHERE evaluator_id IS NOT NULL AND evaluator_id <> employer_id
) GROUP BY scope, scope_id, kind, stage;

CREATE TRIGGER application_counts_insert AFTER INSERT ON applications BEGIN
    INSERT INTO application_counts (scope, scope_id, kind, stage, n)
    SELECT scope, scope_id, NEW.kind, NEW.stage, 1 FROM (
        SELECT 'all' AS scope, 0 AS scope_id
        UNION ALL SELECT 'person', NEW.person_id
        UNION ALL SELECT 'employer', NEW.employer_id
        UNION ALL SELECT 'office', NEW.office_id
        UNION ALL SELECT 'committee', NEW.committee_id
        UNION ALL SELECT 'evaluator', NEW.evaluator_id
        UNION ALL SELECT 'org', NEW.employer_id
        UNION ALL SELECT 'org', NEW.evaluator_id WHERE NEW.evaluator_id IS NOT NEW.employer_id
    ) WHERE scope_id IS NOT NULL
    ON CONFLICT (scope, scope_id, kind, stage) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER application_counts_delete AFTER DELETE ON applications BEGIN
    UPDATE application_counts SET n = n - 1
    WHERE kind = OLD.kind AND stage = OLD.stage AND (scope, scope_id) IN (
        SELECT 'all', 0
        UNION ALL SELECT 'person', OLD.person_id
        UNION ALL SELECT 'employer', OLD.employer_id
        UNION ALL SELECT 'office', OLD.office_id
        UNION ALL SELECT 'committee', OLD.committee_id
        UNION ALL SELECT 'evaluator', OLD.evaluator_id
        UNION ALL SELECT 'org', OLD.employer_id
        UNION ALL SELECT 'org', OLD.evaluator_id);
END;

-- An update is a delete of the old row's counts and an insert of the new row's, when
-- anything counted changed; a change of the document or a date touches no count.
CREATE TRIGGER application_counts_update AFTER UPDATE OF kind, stage, person_id, employer_id, office_id, committee_id, evaluator_id
ON applications
WHEN OLD.kind IS NOT NEW.kind OR OLD.stage IS NOT NEW.stage OR OLD.person_id IS NOT NEW.person_id
    OR OLD.employer_id IS NOT NEW.employer_id OR OLD.office_id IS NOT NEW.office_id
    OR OLD.committee_id IS NOT NEW.committee_id OR OLD.evaluator_id IS NOT NEW.evaluator_id
BEGIN
    UPDATE application_counts SET n = n - 1
    WHERE kind = OLD.kind AND stage = OLD.stage AND (scope, scope_id) IN (
        SELECT 'all', 0
        UNION ALL SELECT 'person', OLD.person_id
        UNION ALL SELECT 'employer', OLD.employer_id
        UNION ALL SELECT 'office', OLD.office_id
        UNION ALL SELECT 'committee', OLD.committee_id
        UNION ALL SELECT 'evaluator', OLD.evaluator_id
        UNION ALL SELECT 'org', OLD.employer_id
        UNION ALL SELECT 'org', OLD.evaluator_id);
    INSERT INTO application_counts (scope, scope_id, kind, stage, n)
    SELECT scope, scope_id, NEW.kind, NEW.stage, 1 FROM (
        SELECT 'all' AS scope, 0 AS scope_id
        UNION ALL SELECT 'person', NEW.person_id
        UNION ALL SELECT 'employer', NEW.employer_id
        UNION ALL SELECT 'office', NEW.office_id
        UNION ALL SELECT 'committee', NEW.committee_id
        UNION ALL SELECT 'evaluator', NEW.evaluator_id
        UNION ALL SELECT 'org', NEW.employer_id
        UNION ALL SELECT 'org', NEW.evaluator_id WHERE NEW.evaluator_id IS NOT NEW.employer_id
    ) WHERE scope_id IS NOT NULL
    ON CONFLICT (scope, scope_id, kind, stage) DO UPDATE SET n = n + 1;
END;

-- The notices running: the applications under a notice whose period has not ended, found by
-- its end (the expression store.NoticeBatches writes the same), with what groups them into
-- notices as published (one per 职改办, stage and first day). An ended notice stays in its
-- stage until its 职改办 takes the next step, so the stage alone would read them all. The
-- columns of the expression are in the index too: without them PostgreSQL reads every row
-- the expression selects from the table (an index-only scan needs each column it uses).
CREATE INDEX applications_notice_batches ON applications (
    (CASE WHEN stage = 'result_notice' THEN result_until ELSE notice_until END), office_id, stage, notice_from, result_from,
    notice_until, result_until)
    WHERE stage IN ('notice', 'result_notice');
