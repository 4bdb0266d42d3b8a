// Where a state keeps forces abroad in a year (curated; the U.S. by default): host, kind
// of presence ('permanent', 'rotational', or 'none' where a past or disputed presence is
// recorded as ended), troop numbers where a public figure exists (as of the year in
// `as_of`), and the citation. Largest contingents first.
// :param deployer => 'USA'
// :param year => 2024
MATCH (d:State {code: $deployer})-[t:DEPLOYS_TROOPS]->(h:State)
WHERE t.start <= $year AND coalesce(t.`end`, $year) >= $year
RETURN h.code AS host, h.name AS host_name, t.presence AS presence, t.troops AS troops,
       t.as_of AS as_of, t.start AS since, t.`end` AS until, t.source_ref AS source_ref
ORDER BY coalesce(troops, 0) DESC, host_name
