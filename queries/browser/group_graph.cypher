// One treaty or partnership as a graph (best in Neo4j Browser's graph view): the group
// and every actor whose membership spell covers $year, with the membership relationships
// (captioned with role and start year by the project's style). Try 'NATO', 'AXIS',
// 'QUAD', 'AUKUS', 'SCO', 'MNNA', 'CSTO'.
// :param group_id => 'NATO'
// :param year => 2024
MATCH (a)-[m:MEMBER_OF]->(g:Treaty|Partnership {id: $group_id})
WHERE m.start <= $year AND coalesce(m.`end`, $year) >= $year
RETURN g, m, a
