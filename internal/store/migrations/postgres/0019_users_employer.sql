-- 0019: an HR's accounts at a province's volume (store.UserFilter.StaffOf). HR manages the
-- accounts of its staff: those of its organisation and those of the people it employs. The
-- second was a search of every person the employer has (tens of thousands at a large one)
-- for an account; the account now carries its person's employer, kept by these triggers
-- whoever writes, so that HR's list is two ranges of accounts' indexes.
ALTER TABLE users ADD COLUMN employer_id BIGINT REFERENCES organisations (id);
UPDATE users u SET employer_id = p.employer_id FROM people p WHERE p.id = u.person_id;
CREATE INDEX users_employer ON users (employer_id, role, created_at, id);

CREATE FUNCTION users_employer_set() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.employer_id := (SELECT employer_id FROM people WHERE id = NEW.person_id);
    RETURN NEW;
END
$$;
CREATE TRIGGER users_employer_set BEFORE INSERT OR UPDATE OF person_id ON users
    FOR EACH ROW EXECUTE FUNCTION users_employer_set();

CREATE FUNCTION people_employer_users() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE users SET employer_id = NEW.employer_id WHERE person_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER people_employer_users AFTER UPDATE OF employer_id ON people
    FOR EACH ROW WHEN (OLD.employer_id IS DISTINCT FROM NEW.employer_id) EXECUTE FUNCTION people_employer_users();
