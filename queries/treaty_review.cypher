// The post-2018 review of one ATOP alliance: its status, date, source, what was searched
// and the successor (id and name, or the name of an agreement not coded as an alliance).
// $group_id is the node id ('ATOP-3830') or the curated alias ('FRN-COM-1978').
// :param group_id => 'FRN-COM-1978'
MATCH (t:Treaty)
WHERE (t.id = $group_id OR t.alias = $group_id) AND t.review_status IS NOT NULL
OPTIONAL MATCH (s:Treaty {id: t.successor})
RETURN t.id AS group_id, t.alias AS alias, t.review_status AS status,
       t.status_date AS status_date, t.status_source AS status_source,
       t.searched AS searched, t.successor AS successor,
       coalesce(s.name, t.successor_name) AS successor_name
