-- 0010: accounts (phone, e-mail, disabled, one-time password), regions from the fixed list,
-- one open application per person, route, series and level, and notifications with their
-- e-mail outbox. The other engine's file of the same number does the same.

ALTER TABLE users ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX users_org ON users (org_id, role);
CREATE INDEX users_person ON users (person_id);

-- Regions typed before the list (guantong.Regions): the unambiguous ones become the listed
-- name, by the rules of guantong.NormalizeRegion. Others are left for the admin to choose.
UPDATE organisations SET region = substr(region, 4) WHERE region LIKE '河北省%';
UPDATE organisations SET region = region || '市'
    WHERE region IN ('石家庄', '唐山', '秦皇岛', '邯郸', '邢台', '保定', '张家口', '承德', '沧州', '廊坊', '衡水', '定州', '辛集');
UPDATE organisations SET region = '雄安新区' WHERE region LIKE '雄安%';
UPDATE organisations SET region = '省直' WHERE region LIKE '省%';

-- One open application per person, route, series (titles) or occupation (skills) and level.
-- Applications that already broke the rule before it existed are marked legacy_duplicate
-- (all but the first of each group) so that the index can be built; the service refuses new
-- ones with a link to the first.
ALTER TABLE applications ADD COLUMN legacy_duplicate BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE applications SET legacy_duplicate = TRUE
    WHERE stage NOT IN ('withdrawn', 'rejected', 'failed', 'revoked', 'granted', 'registered')
    AND EXISTS (SELECT 1 FROM applications b WHERE b.person_id = applications.person_id
        AND b.route = applications.route AND b.series = applications.series
        AND b.occupation_code = applications.occupation_code AND b.level = applications.level
        AND b.stage NOT IN ('withdrawn', 'rejected', 'failed', 'revoked', 'granted', 'registered')
        AND b.id < applications.id);
CREATE UNIQUE INDEX applications_one_open ON applications (person_id, route, series, occupation_code, level)
    WHERE stage NOT IN ('withdrawn', 'rejected', 'failed', 'revoked', 'granted', 'registered') AND legacy_duplicate = FALSE;

-- 站内信. read_at is 0 while unread. The e-mail copy is an outbox: email_status '' (none),
-- 'pending', 'sent' or 'failed'; a sender claims a pending row by a conditional UPDATE of
-- claimed_until, so several app servers never send one twice at the same time.
CREATE TABLE notifications (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users (id),
    application_id  INTEGER REFERENCES applications (id),
    text            TEXT    NOT NULL,
    link            TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    read_at         INTEGER NOT NULL DEFAULT 0,
    email_to        TEXT    NOT NULL DEFAULT '',
    email_status    TEXT    NOT NULL DEFAULT '',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    claimed_until   INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX notifications_user ON notifications (user_id, read_at, id);
CREATE INDEX notifications_outbox ON notifications (email_status, next_attempt_at);
