-- 0013: the staff import (docs/staff.md): a person's identity document type, so that a
-- passport holder's record keeps saying 护照 ('' is 居民身份证); and an account created with
-- a one-time password, which must be changed at first sign-in.

ALTER TABLE people ADD COLUMN id_type TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
