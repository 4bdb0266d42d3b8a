// One treaty or partnership as a graph (best in Neo4j Browser's graph view): the group
// and every actor whose membership spell covers $year, with the membership relationships
// (captioned with role and start year by the project's style). $group_id is the group's
// id or a treaty's curated alias: try 'NATO' (= 'ATOP-3180'), 'AXIS', 'QUAD', 'AUKUS',
// 'SCO', 'MNNA', 'CSTO'. ATOP's censored rows of a treaty a curated record reviewed end at
// ATOP's last year: the curated continuation takes over.
// :param group_id => 'NATO'
// :param year => 2024
MATCH (a)-[m:MEMBER_OF]->(g:Treaty|Partnership)
WHERE (g.id = $group_id OR g.alias = $group_id) AND m.start <= $year
  AND coalesce(m.`end`, CASE WHEN g.reviewed_until > m.observed_until
                             THEN m.observed_until ELSE $year END) >= $year
RETURN g, m, a
