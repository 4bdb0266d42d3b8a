// A curated record of a treaty ATOP codes: the ATOP node gets the curated id as `alias`,
// the year up to which its status after ATOP's end was reviewed and that review's status
// (with its date, source, what was searched and the successor that replaced it).
// :param rows => [{id: 'ATOP-3830', alias: 'FRN-COM-1978', reviewed_until: 2010, review_status: 'superseded', status_date: '2010-09-27', status_source: 'French Senate report 359 (2010-2011)', searched: null, successor: null, successor_name: 'Traité instituant un partenariat de défense, Paris, 27 Sep 2010'}]
// :param source => 'curated'
UNWIND $rows AS row
MATCH (t:Treaty {id: row.id})
SET t.alias = row.alias, t.reviewed_until = toInteger(row.reviewed_until),
    t.review_status = row.review_status, t.status_date = row.status_date,
    t.status_source = row.status_source, t.searched = row.searched,
    t.successor = row.successor, t.successor_name = row.successor_name
