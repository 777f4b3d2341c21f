-- 0001: the whole model. Civil dates are TEXT YYYY-MM-DD ('' for none); instants INTEGER
-- unix milliseconds. The PostgreSQL file of the same number creates the same tables.

CREATE TABLE organisations (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    region          TEXT    NOT NULL DEFAULT '',
    employer_kind   TEXT    NOT NULL DEFAULT '',
    self_evaluation BOOLEAN NOT NULL DEFAULT FALSE,
    series          TEXT    NOT NULL DEFAULT '',
    level           TEXT    NOT NULL DEFAULT '',
    occupations     TEXT    NOT NULL DEFAULT '',
    cert_prefix     TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL
);
CREATE UNIQUE INDEX organisations_kind_name ON organisations (kind, name);
CREATE INDEX organisations_kind_region ON organisations (kind, region);

CREATE TABLE people (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    id_number    TEXT    NOT NULL UNIQUE,
    phone        TEXT    NOT NULL DEFAULT '',
    employer_id  INTEGER NOT NULL REFERENCES organisations (id),
    barred_until TEXT    NOT NULL DEFAULT '',
    bar_reason   TEXT    NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   INTEGER NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL,
    org_id        INTEGER REFERENCES organisations (id),
    person_id     INTEGER REFERENCES people (id),
    created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE applications (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL,
    route           TEXT    NOT NULL,
    person_id       INTEGER NOT NULL REFERENCES people (id),
    employer_id     INTEGER NOT NULL REFERENCES organisations (id),
    office_id       INTEGER REFERENCES organisations (id),
    committee_id    INTEGER REFERENCES organisations (id),
    evaluator_id    INTEGER REFERENCES organisations (id),
    series          TEXT    NOT NULL DEFAULT '',
    level           TEXT    NOT NULL,
    occupation_code TEXT    NOT NULL DEFAULT '',
    stage           TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    document        TEXT    NOT NULL,
    check_record    TEXT    NOT NULL DEFAULT '',
    review_group    TEXT    NOT NULL DEFAULT '',
    exempt_theory   BOOLEAN NOT NULL DEFAULT FALSE,
    theory          TEXT    NOT NULL DEFAULT '',
    practical       TEXT    NOT NULL DEFAULT '',
    notice_from     TEXT    NOT NULL DEFAULT '',
    notice_until    TEXT    NOT NULL DEFAULT '',
    decision        TEXT    NOT NULL DEFAULT '',
    result_from     TEXT    NOT NULL DEFAULT '',
    result_until    TEXT    NOT NULL DEFAULT '',
    certificate_no  TEXT    UNIQUE,
    certified_on    TEXT    NOT NULL DEFAULT '',
    registered_on   TEXT    NOT NULL DEFAULT '',
    revoked_on      TEXT    NOT NULL DEFAULT '',
    revoke_reason   TEXT    NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX applications_person ON applications (person_id);
CREATE INDEX applications_employer ON applications (employer_id);
CREATE INDEX applications_office ON applications (office_id);
CREATE INDEX applications_committee ON applications (committee_id);
CREATE INDEX applications_evaluator ON applications (evaluator_id);
CREATE INDEX applications_stage ON applications (stage);

CREATE TABLE objections (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    notice         TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    contact        TEXT    NOT NULL,
    text           TEXT    NOT NULL,
    status         TEXT    NOT NULL,
    note           TEXT    NOT NULL DEFAULT '',
    lodged_at      INTEGER NOT NULL,
    decided_by     TEXT    NOT NULL DEFAULT '',
    decided_at     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX objections_application ON objections (application_id);

CREATE TABLE blobs (
    sha256 TEXT    PRIMARY KEY,
    type   TEXT    NOT NULL,
    size   INTEGER NOT NULL,
    data   BLOB    NOT NULL
);

CREATE TABLE files (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    sha256         TEXT    NOT NULL REFERENCES blobs (sha256),
    name           TEXT    NOT NULL,
    type           TEXT    NOT NULL,
    size           INTEGER NOT NULL,
    uploaded_by    TEXT    NOT NULL,
    uploaded_at    INTEGER NOT NULL
);
CREATE INDEX files_application ON files (application_id);

CREATE TABLE counters (
    name  TEXT    PRIMARY KEY,
    value INTEGER NOT NULL
);

CREATE TABLE audit (
    seq       INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    actor     TEXT    NOT NULL,
    action    TEXT    NOT NULL,
    subject   TEXT    NOT NULL,
    payload   TEXT    NOT NULL,
    prev_hash TEXT    NOT NULL,
    hash      TEXT    NOT NULL
);
CREATE INDEX audit_subject ON audit (subject, seq);

CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY,
    seq  INTEGER NOT NULL,
    hash TEXT    NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');
