-- 0016: what an employer's staff import registered about a person (docs/staff.md): the
-- person part of a check document, written by internal/document's one encoder, with the
-- sheet's certificates, titles, assessments, work, awards, diplomas and targets (name, ID
-- and employer stay the records' own columns); when it was registered (unix milliseconds)
-- and by which employer. '' and 0 mean nothing registered. The applicant's 自助测评 and new
-- application start from it; HR sees it. The other engine's file of the same number does
-- the same.

ALTER TABLE people ADD COLUMN facts TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN facts_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE people ADD COLUMN facts_org BIGINT NOT NULL DEFAULT 0;
