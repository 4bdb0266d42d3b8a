// A curated record of a treaty ATOP codes: the ATOP node gets the curated id as `alias`
// and the year up to which its status after ATOP's end was reviewed.
// :param rows => [{id: 'ATOP-3180', alias: 'NATO', reviewed_until: 2025}]
// :param source => 'curated'
UNWIND $rows AS row
MATCH (t:Treaty {id: row.id})
SET t.alias = row.alias, t.reviewed_until = toInteger(row.reviewed_until)
