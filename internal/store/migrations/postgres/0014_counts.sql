-- 0014: exact totals without counting (issue 10, p99 at a province's volume).
--
-- application_counts holds how many applications each scope has at each kind and stage:
-- the whole province (scope 'all', id 0), an applicant ('person'), an employer, a 职改办
-- ('office'), a committee, an evaluation organisation ('evaluator'), and an employer's HR,
-- who sees its staff's applications and those routed to it for evaluation, each once ('org').
-- A trigger keeps it in the transaction of every change, whoever writes (the service, the
-- demo's bulk insert, a restore), so that an unfiltered total is a lookup of a few rows
-- instead of a count over a million index entries (store/counts.go).

CREATE TABLE application_counts (
    scope    TEXT   NOT NULL,
    scope_id BIGINT NOT NULL,
    kind     TEXT   NOT NULL,
    stage    TEXT   NOT NULL,
    n        BIGINT NOT NULL,
    PRIMARY KEY (scope, scope_id, kind, stage)
);

-- application_count_keys lists the counts an application is in.
CREATE FUNCTION application_count_keys(a applications) RETURNS TABLE (scope TEXT, scope_id BIGINT)
LANGUAGE sql IMMUTABLE AS $$
    SELECT s, i FROM (VALUES ('all', 0::BIGINT), ('person', a.person_id), ('employer', a.employer_id),
        ('office', a.office_id), ('committee', a.committee_id), ('evaluator', a.evaluator_id), ('org', a.employer_id),
        ('org', CASE WHEN a.evaluator_id IS DISTINCT FROM a.employer_id THEN a.evaluator_id END)) AS k (s, i)
    WHERE i IS NOT NULL
$$;

INSERT INTO application_counts (scope, scope_id, kind, stage, n)
SELECT k.scope, k.scope_id, a.kind, a.stage, COUNT(*)
FROM applications a, application_count_keys(a) k
GROUP BY k.scope, k.scope_id, a.kind, a.stage;

-- An update is the old row's counts less one and the new row's plus one, in one statement
-- whose rows are locked in key order: two changes at once lock the same rows in the same
-- order, so they wait for each other rather than deadlock.
CREATE FUNCTION application_counts_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO application_counts AS c (scope, scope_id, kind, stage, n)
    SELECT d.scope, d.scope_id, d.kind, d.stage, SUM(d.n) FROM (
        SELECT k.scope, k.scope_id, OLD.kind AS kind, OLD.stage AS stage, -1 AS n
        FROM application_count_keys(OLD) k WHERE TG_OP IN ('UPDATE', 'DELETE')
        UNION ALL
        SELECT k.scope, k.scope_id, NEW.kind, NEW.stage, 1
        FROM application_count_keys(NEW) k WHERE TG_OP IN ('UPDATE', 'INSERT')
    ) d
    GROUP BY d.scope, d.scope_id, d.kind, d.stage
    HAVING SUM(d.n) <> 0
    ORDER BY d.scope, d.scope_id, d.kind, d.stage
    ON CONFLICT (scope, scope_id, kind, stage) DO UPDATE SET n = c.n + excluded.n;
    RETURN NULL;
END
$$;

CREATE TRIGGER application_counts_insert AFTER INSERT ON applications
    FOR EACH ROW EXECUTE FUNCTION application_counts_change();
CREATE TRIGGER application_counts_delete AFTER DELETE ON applications
    FOR EACH ROW EXECUTE FUNCTION application_counts_change();
-- A change of the document or a date touches no count.
CREATE TRIGGER application_counts_update AFTER UPDATE OF kind, stage, person_id, employer_id, office_id, committee_id, evaluator_id
    ON applications FOR EACH ROW
    WHEN (OLD.kind IS DISTINCT FROM NEW.kind OR OLD.stage IS DISTINCT FROM NEW.stage OR OLD.person_id IS DISTINCT FROM NEW.person_id
        OR OLD.employer_id IS DISTINCT FROM NEW.employer_id OR OLD.office_id IS DISTINCT FROM NEW.office_id
        OR OLD.committee_id IS DISTINCT FROM NEW.committee_id OR OLD.evaluator_id IS DISTINCT FROM NEW.evaluator_id)
    EXECUTE FUNCTION application_counts_change();

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
