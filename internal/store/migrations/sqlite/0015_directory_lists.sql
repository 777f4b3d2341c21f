-- 0015: indexes for the paged lists that are not applications (store/directory.go):
-- accounts, organisations, the expert pool and messages page by keyset on (created_at, id),
-- within the column that narrows them; names are searched by prefix on a key the engine
-- keeps (a generated column, as 0008 does for people and organisations). SQLite's LIKE uses
-- an index only when the index's collation is NOCASE.

ALTER TABLE users ADD COLUMN name_key TEXT COLLATE NOCASE GENERATED ALWAYS AS (lower(name)) VIRTUAL;
CREATE INDEX users_name_key ON users (name_key);
CREATE INDEX users_username_prefix ON users (username COLLATE NOCASE);
CREATE INDEX users_created ON users (created_at, id);
CREATE INDEX users_role_created ON users (role, created_at, id);
CREATE INDEX people_employer ON people (employer_id);

CREATE INDEX organisations_created ON organisations (created_at, id);
CREATE INDEX organisations_kind_created ON organisations (kind, created_at, id);

ALTER TABLE experts ADD COLUMN name_key TEXT COLLATE NOCASE GENERATED ALWAYS AS (lower(name)) VIRTUAL;
CREATE INDEX experts_name_key ON experts (name_key);
CREATE INDEX experts_created ON experts (created_at, id);
CREATE INDEX experts_employer ON experts (employer_id);

-- A user's messages, all or unread only, newest first; the unread count reads the second.
DROP INDEX notifications_user;
CREATE INDEX notifications_user ON notifications (user_id, created_at, id);
CREATE INDEX notifications_unread ON notifications (user_id, read_at, created_at, id);
