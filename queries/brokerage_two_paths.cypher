// Gould-Fernandez brokerage counted as graph patterns: for every broker v, the ordered
// pairs (a, c) with defense ties a-v and v-c in force in $year and no a-c tie, classified
// by the blocs written with `alliances blocs --write` for $network. Each undirected
// two-path counts twice (a-v-c and c-v-a), as in alliance_graph's Python brokerage.
// :param year => 2018
// :param sources => ['atop']
// :param network => 'atop:defense:leiden'
MATCH (a:State)-[r1:ALLIED_WITH]-(v:State)-[r2:ALLIED_WITH]-(c:State)
WHERE a <> c AND r1.defense AND r2.defense
  AND r1.source IN $sources AND r2.source IN $sources
  AND r1.start <= $year AND coalesce(r1.`end`, $year) >= $year
  AND r2.start <= $year AND coalesce(r2.`end`, $year) >= $year
  AND NOT EXISTS {
    MATCH (a)-[r3:ALLIED_WITH]-(c)
    WHERE r3.defense AND r3.source IN $sources
      AND r3.start <= $year AND coalesce(r3.`end`, $year) >= $year
  }
// the WITH is needed by ladybug 0.22, whose planner loses rows when a MATCH follows a
// NOT EXISTS subquery directly; in Neo4j it changes nothing
WITH a, v, c
MATCH (a)-[ia:IN_BLOC]->(ba:Bloc)
MATCH (v)-[iv:IN_BLOC]->(bv:Bloc)
MATCH (c)-[ic:IN_BLOC]->(bc:Bloc)
WHERE ba.year = $year AND ba.network = $network AND bv.year = $year
  AND bv.network = $network AND bc.year = $year AND bc.network = $network
RETURN v.code AS code,
       sum(CASE WHEN ba.id = bv.id AND bc.id = bv.id THEN 1 ELSE 0 END) AS coordinator,
       sum(CASE WHEN ba.id = bc.id AND ba.id <> bv.id THEN 1 ELSE 0 END) AS itinerant,
       sum(CASE WHEN ba.id = bv.id AND bc.id <> bv.id THEN 1 ELSE 0 END) AS representative,
       sum(CASE WHEN ba.id <> bv.id AND bc.id = bv.id THEN 1 ELSE 0 END) AS gatekeeper,
       sum(CASE WHEN ba.id <> bv.id AND bc.id <> bv.id AND ba.id <> bc.id THEN 1 ELSE 0 END)
         AS liaison
ORDER BY code
