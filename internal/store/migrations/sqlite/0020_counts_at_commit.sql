-- 0020: on PostgreSQL, application_counts is kept at commit rather than as each application
-- changes (see postgres/0020). SQLite has one writer at a time, so its counts wait for no
-- one and its triggers of 0014 stay as they are.
SELECT 1;
