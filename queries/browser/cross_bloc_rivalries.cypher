// Rivalries that cross blocs: pairs of rivals (a RIVAL_OF spell in force in $year, from
// any rivalry source) placed in different blocs by `alliances blocs --write` for that year
// and network (e.g. 'all:defense'). One row per pair: the two blocs' labels, the rivalry's
// names and the sources that code it, and the earliest start among them. Rivals outside
// every bloc (isolates) and rivals inside one bloc are left out. No rows: no blocs were
// written for this year and network yet.
// :param year => 2024
// :param network => 'all:defense'
MATCH (a)-[r:RIVAL_OF]-(b)
WHERE a.code < b.code AND r.start <= $year AND coalesce(r.`end`, $year) >= $year
WITH a, b, r
MATCH (a)-[:IN_BLOC {year: $year, network: $network}]->(ba:Bloc)
WITH a, b, r, ba
MATCH (b)-[:IN_BLOC {year: $year, network: $network}]->(bb:Bloc)
WHERE ba.id <> bb.id
RETURN a.code AS a, a.name AS a_name, coalesce(ba.label, ba.name) AS a_bloc,
       b.code AS b, b.name AS b_name, coalesce(bb.label, bb.name) AS b_bloc,
       collect(DISTINCT r.name) AS rivalry, collect(DISTINCT r.source) AS sources,
       min(r.start) AS since
ORDER BY since, a, b
