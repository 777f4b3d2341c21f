-- 0020: application_counts kept at commit (PostgreSQL). 0014's triggers updated the counts as
-- each application changed, so a step held the province's rows of its stages from then until
-- its commit while the rest of it ran, and concurrent steps queued there mid-transaction,
-- each holding a pooled connection (under guantong load on two servers this made a hang
-- worse whose cause was a read outside the transaction, service/policies.go). As constraint
-- triggers deferred to commit, the counts are updated last, after the step's audit row has
-- taken the audit chain's head, which serialises every change anyway: the counts add no wait
-- of their own, and nothing runs after them but the commit.
DROP TRIGGER application_counts_insert ON applications;
DROP TRIGGER application_counts_delete ON applications;
DROP TRIGGER application_counts_update ON applications;

CREATE CONSTRAINT TRIGGER application_counts_insert AFTER INSERT ON applications
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION application_counts_change();
CREATE CONSTRAINT TRIGGER application_counts_delete AFTER DELETE ON applications
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION application_counts_change();
CREATE CONSTRAINT TRIGGER application_counts_update AFTER UPDATE OF kind, stage, person_id, employer_id, office_id, committee_id, evaluator_id
    ON applications DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
    WHEN (OLD.kind IS DISTINCT FROM NEW.kind OR OLD.stage IS DISTINCT FROM NEW.stage OR OLD.person_id IS DISTINCT FROM NEW.person_id
        OR OLD.employer_id IS DISTINCT FROM NEW.employer_id OR OLD.office_id IS DISTINCT FROM NEW.office_id
        OR OLD.committee_id IS DISTINCT FROM NEW.committee_id OR OLD.evaluator_id IS DISTINCT FROM NEW.evaluator_id)
    EXECUTE FUNCTION application_counts_change();
