-- 0007: committees by 职称评审管理暂行规定 and certificates as issued (docs/committee.md,
-- docs/certificates.md): a member's term of office starts on the day they were appointed;
-- a title's 批准文号 and the holder's photo are kept beside the application.

ALTER TABLE committee_members ADD COLUMN appointed_on TEXT NOT NULL DEFAULT '';

CREATE TABLE certificate_details (
    application_id INTEGER PRIMARY KEY REFERENCES applications (id),
    approval_no    TEXT    NOT NULL DEFAULT '',   -- 批准文号 of the committee's result
    photo_file_id  INTEGER REFERENCES files (id)  -- the holder's photo, a JPEG among the files
);

-- 复查: an applicant's request that a committee's result be checked again, handled as its own
-- case with its own stages (committee.RecheckStages); at most one open per application.
CREATE TABLE rechecks (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    meeting_id     INTEGER NOT NULL REFERENCES meetings (id),
    reason         TEXT    NOT NULL,
    stage          TEXT    NOT NULL,              -- requested, accepted, maintained, revised, refused
    note           TEXT    NOT NULL DEFAULT '',   -- the answer of the last step
    requested_by   TEXT    NOT NULL,
    requested_at   INTEGER NOT NULL,
    handled_by     TEXT    NOT NULL DEFAULT '',
    handled_at     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX rechecks_application ON rechecks (application_id);
