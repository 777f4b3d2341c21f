-- 0006: long work (a batch screening) as rows any app server's worker picks up; progress is
-- stored, so that a reload or another server shows it (issue 11 item 1).

CREATE TABLE jobs (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL,                    -- screen
    owner_id    INTEGER NOT NULL REFERENCES users (id),
    status      TEXT    NOT NULL DEFAULT 'queued',   -- queued, running, done, failed
    input_name  TEXT    NOT NULL,
    input       BLOB    NOT NULL,
    as_of       TEXT    NOT NULL,
    done        INTEGER NOT NULL DEFAULT 0,          -- people handled so far
    message     TEXT    NOT NULL DEFAULT '',         -- why it failed, or the summary when done
    result      BLOB,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX jobs_owner ON jobs (owner_id, id);
CREATE INDEX jobs_status ON jobs (status, id);
