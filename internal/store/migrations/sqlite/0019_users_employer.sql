-- 0019: an HR's accounts at a province's volume (store.UserFilter.StaffOf). HR manages the
-- accounts of its staff: those of its organisation and those of the people it employs. The
-- second was a search of every person the employer has (tens of thousands at a large one)
-- for an account; the account now carries its person's employer, kept by these triggers
-- whoever writes, so that HR's list is two ranges of accounts' indexes.
ALTER TABLE users ADD COLUMN employer_id INTEGER REFERENCES organisations (id);
UPDATE users SET employer_id = (SELECT employer_id FROM people WHERE people.id = users.person_id) WHERE person_id IS NOT NULL;
CREATE INDEX users_employer ON users (employer_id, role, created_at, id);

CREATE TRIGGER users_employer_insert AFTER INSERT ON users WHEN NEW.person_id IS NOT NULL BEGIN
    UPDATE users SET employer_id = (SELECT employer_id FROM people WHERE id = NEW.person_id) WHERE id = NEW.id;
END;
CREATE TRIGGER users_employer_person AFTER UPDATE OF person_id ON users BEGIN
    UPDATE users SET employer_id = (SELECT employer_id FROM people WHERE id = NEW.person_id) WHERE id = NEW.id;
END;
CREATE TRIGGER people_employer_users AFTER UPDATE OF employer_id ON people BEGIN
    UPDATE users SET employer_id = NEW.employer_id WHERE person_id = NEW.id;
END;
