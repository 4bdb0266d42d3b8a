// A state → its treaties in $year → their other members, as a graph (Neo4j Browser's
// graph view): the walk from Türkiye to the North Atlantic Treaty and on to its allies.
// Only treaties (formal alliances), with the same carry-forward rule as `state_treaties`.
// The state itself is excluded explicitly: Neo4j never binds o to m again, the embedded
// store would.
// :param code => 'TUR'
// :param year => 2018
MATCH (s {code: $code})-[m:MEMBER_OF]->(t:Treaty)<-[o:MEMBER_OF]-(other)
WHERE m.role IN ['member', 'hub'] AND o.role IN ['member', 'hub']
  AND other.code <> $code
  AND m.start <= $year AND coalesce(m.`end`, $year) >= $year
  AND o.start <= $year AND coalesce(o.`end`, $year) >= $year
  AND (m.`end` IS NOT NULL OR m.observed_until >= $year OR t.reviewed_until IS NULL)
  AND (o.`end` IS NOT NULL OR o.observed_until >= $year OR t.reviewed_until IS NULL)
RETURN s, m, t, o, other
