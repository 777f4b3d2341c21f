-- 0003: failed logins, kept in the database so that every app server counts them together
-- and a restart forgets none (internal/ratelimit). A row is written for the username and for
-- the address before the password is checked (pending), confirmed when the password was
-- wrong, and taken back when it was right.

CREATE TABLE login_failures (
    attempt TEXT    NOT NULL,  -- random, one per login attempt
    key     TEXT    NOT NULL,  -- "user:name" or "ip:address"
    at      INTEGER NOT NULL,  -- unix milliseconds
    pending BOOLEAN NOT NULL DEFAULT TRUE, -- its password is being checked
    PRIMARY KEY (attempt, key)
);
CREATE INDEX login_failures_key ON login_failures (key, at);
CREATE INDEX login_failures_at ON login_failures (at);
