-- 0013: the staff import (docs/staff.md): a person's identity document type, so that a
-- passport holder's record keeps saying 护照 ('' is 居民身份证). The accounts' one-time
-- passwords and must_change_password are 0010's.

ALTER TABLE people ADD COLUMN id_type TEXT NOT NULL DEFAULT '';
