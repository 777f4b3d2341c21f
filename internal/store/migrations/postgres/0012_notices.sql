-- 0012: public notices as published (issue 12 items 2-4). The 专业 applied for; the employer's
-- own internal 公示 before it recommends (人社部令第40号); an objection's receipt, an
-- unguessable code by which the objector follows its handling without signing in; and the
-- objection contact each 职改办 prints on its notices.

ALTER TABLE applications ADD COLUMN specialty TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN internal_from TEXT NOT NULL DEFAULT '';  -- YYYY-MM-DD, '' before the employer starts it
ALTER TABLE applications ADD COLUMN internal_until TEXT NOT NULL DEFAULT '';

ALTER TABLE objections ADD COLUMN receipt TEXT;  -- NULL for objections lodged before receipts
CREATE UNIQUE INDEX objections_receipt ON objections (receipt);

CREATE TABLE notice_contacts (
    office_id BIGINT PRIMARY KEY REFERENCES organisations (id),
    phone     TEXT NOT NULL,
    address   TEXT NOT NULL,
    email     TEXT NOT NULL
);
