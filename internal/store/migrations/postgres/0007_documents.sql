-- 0007: as sqlite/0007_documents.sql.

ALTER TABLE committee_members ADD COLUMN appointed_on TEXT NOT NULL DEFAULT '';

CREATE TABLE certificate_details (
    application_id BIGINT PRIMARY KEY REFERENCES applications (id),
    approval_no    TEXT   NOT NULL DEFAULT '',
    photo_file_id  BIGINT REFERENCES files (id)
);
