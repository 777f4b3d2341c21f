-- 0007: committees by 职称评审管理暂行规定 and certificates as issued (docs/committee.md,
-- docs/certificates.md): a member's term of office starts on the day they were appointed;
-- a title's 批准文号 and the holder's photo are kept beside the application.

ALTER TABLE committee_members ADD COLUMN appointed_on TEXT NOT NULL DEFAULT '';

CREATE TABLE certificate_details (
    application_id INTEGER PRIMARY KEY REFERENCES applications (id),
    approval_no    TEXT    NOT NULL DEFAULT '',   -- 批准文号 of the committee's result
    photo_file_id  INTEGER REFERENCES files (id)  -- the holder's photo, a JPEG among the files
);
