-- 0018: the registration (上网) list of a period's title certificates at a province's volume
-- (store.GrantPage): its total and the IDs of a page are read from the granted ones' index
-- alone, a 职改办's among them too, and only the page's rows from the table. Before, each
-- page read every certificate of the period from the table, for the kind and the office.
CREATE INDEX applications_grants ON applications (kind, certified_on, created_at, id, office_id) WHERE certificate_no IS NOT NULL;
