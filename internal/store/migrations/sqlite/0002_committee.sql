-- 0002: committees, meetings and the secret ballot (docs/committee.md).

CREATE TABLE experts (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    employer_id INTEGER NOT NULL REFERENCES organisations (id),
    series      TEXT    NOT NULL DEFAULT '',
    specialty   TEXT    NOT NULL DEFAULT '',
    title_level TEXT    NOT NULL DEFAULT '',
    skill_level TEXT    NOT NULL DEFAULT '',
    skilled     BOOLEAN NOT NULL DEFAULT FALSE,           -- 三(一)6: skilled expert
    user_id     INTEGER REFERENCES users (id),            -- the login with which they score and vote
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX experts_user ON experts (user_id);

CREATE TABLE committee_members (
    committee_id INTEGER NOT NULL REFERENCES organisations (id),
    expert_id    INTEGER NOT NULL REFERENCES experts (id),
    role         TEXT    NOT NULL DEFAULT 'member',      -- chair, vice_chair, member
    PRIMARY KEY (committee_id, expert_id)
);

CREATE TABLE meetings (
    id           INTEGER PRIMARY KEY,
    committee_id INTEGER NOT NULL REFERENCES organisations (id),
    rules_id     TEXT    NOT NULL,
    rules_json   TEXT    NOT NULL,                       -- the rules file as used: results stay explainable
    held_on      TEXT    NOT NULL,
    place        TEXT    NOT NULL DEFAULT '',
    status       TEXT    NOT NULL DEFAULT 'attendance',  -- attendance, open, closed, cancelled
    opened_at    INTEGER NOT NULL DEFAULT 0,
    closed_at    INTEGER NOT NULL DEFAULT 0,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   INTEGER NOT NULL
);
CREATE INDEX meetings_committee ON meetings (committee_id, held_on);

-- The members as the meeting was set up (membership changes later), with attendance.
CREATE TABLE meeting_members (
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id),
    expert_id   INTEGER NOT NULL REFERENCES experts (id),
    employer_id INTEGER NOT NULL,                        -- as of the meeting: conflict detection
    present     BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (meeting_id, expert_id)
);
CREATE INDEX meeting_members_expert ON meeting_members (expert_id);

CREATE TABLE meeting_applications (
    meeting_id     INTEGER NOT NULL REFERENCES meetings (id),
    application_id INTEGER NOT NULL REFERENCES applications (id),
    review_group   TEXT    NOT NULL,
    recognition    BOOLEAN NOT NULL DEFAULT FALSE,       -- 认定, 三(一)4
    employer_id    INTEGER NOT NULL,                     -- as of the meeting
    vote_started   BOOLEAN NOT NULL DEFAULT FALSE,
    decision       TEXT    NOT NULL DEFAULT '',          -- from Outcome: passed, recognised, failed
    PRIMARY KEY (meeting_id, application_id)
);
CREATE INDEX meeting_applications_application ON meeting_applications (application_id);

-- Declared conflicts only; same-employer conflicts are computed from the two employer_id columns.
CREATE TABLE conflicts (
    meeting_id     INTEGER NOT NULL,
    application_id INTEGER NOT NULL,
    expert_id      INTEGER NOT NULL,
    reason         TEXT    NOT NULL,
    declared_by    TEXT    NOT NULL,
    declared_at    INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, application_id, expert_id),
    FOREIGN KEY (meeting_id, application_id) REFERENCES meeting_applications (meeting_id, application_id),
    FOREIGN KEY (meeting_id, expert_id) REFERENCES meeting_members (meeting_id, expert_id)
);

CREATE TABLE achievements (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    type           TEXT    NOT NULL,                     -- one of the twelve of 三(一)3
    title          TEXT    NOT NULL,
    achieved_on    TEXT    NOT NULL DEFAULT '',
    level          TEXT    NOT NULL DEFAULT '',
    role           TEXT    NOT NULL DEFAULT '',
    file_id        INTEGER REFERENCES files (id)
);
CREATE INDEX achievements_application ON achievements (application_id);

CREATE TABLE scores (
    meeting_id     INTEGER NOT NULL,
    application_id INTEGER NOT NULL,
    expert_id      INTEGER NOT NULL,
    method         TEXT    NOT NULL,
    points         INTEGER NOT NULL CHECK (points BETWEEN 0 AND 10000),  -- hundredths of a point
    entered_at     INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, application_id, expert_id, method),
    FOREIGN KEY (meeting_id, application_id) REFERENCES meeting_applications (meeting_id, application_id),
    FOREIGN KEY (meeting_id, expert_id) REFERENCES meeting_members (meeting_id, expert_id)
);

-- The ballot: counts per application, updated in place. No expert, no time, no sequence.
CREATE TABLE ballot_tallies (
    meeting_id     INTEGER NOT NULL,
    application_id INTEGER NOT NULL,
    voters         INTEGER NOT NULL,                     -- eligible voters when the vote started
    base           INTEGER NOT NULL,                     -- what the pass fraction is taken of (§3)
    yes_count      INTEGER NOT NULL DEFAULT 0,
    no_count       INTEGER NOT NULL DEFAULT 0,
    abstain_count  INTEGER NOT NULL DEFAULT 0,
    closed         BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (meeting_id, application_id),
    FOREIGN KEY (meeting_id, application_id) REFERENCES meeting_applications (meeting_id, application_id),
    CHECK (yes_count >= 0 AND no_count >= 0 AND abstain_count >= 0
           AND yes_count + no_count + abstain_count <= voters)
) WITHOUT ROWID;

-- Who has voted: the double-vote check and the audit. No choice.
CREATE TABLE votes_cast (
    meeting_id     INTEGER NOT NULL,
    application_id INTEGER NOT NULL,
    expert_id      INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, application_id, expert_id),
    FOREIGN KEY (meeting_id, application_id) REFERENCES ballot_tallies (meeting_id, application_id),
    FOREIGN KEY (meeting_id, expert_id) REFERENCES meeting_members (meeting_id, expert_id)
) WITHOUT ROWID;

-- Certificate numbers typed without their hyphens (certificate.ParseCompact) are matched on
-- this expression.
CREATE INDEX applications_certificate_compact ON applications ((REPLACE(certificate_no, '-', '')));
