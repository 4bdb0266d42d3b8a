// Shortest alignment path between two actors in a year: the fewest steps through ties in
// force in $year, where a step is an ATOP alliance spell (ALLIED_WITH) or a membership
// ('member'/'hub') of a treaty or partnership; in a hub-structured group (MNNA, Abraham
// Accords, Iran's axis…) a path may only pass between a hub and a member, never member
// to member or hub to hub. Shows the route as a graph; `route` lists the names, `ties` counts the actor-to-
// actor links (a membership link passes through the group node, so it is two hops).
// No row: the two are not connected within 12 hops in that year.
// neo4j-only: shortest paths need SHORTEST with quantified path patterns, which ladybug writes differently (-[* SHORTEST 1..12]-)
// :param origin => 'AUL'
// :param destination => 'AZE'
// :param year => 2024
MATCH ALL SHORTEST
  (p = (a:State|NonStateActor {code: $origin})
       (()-[r:ALLIED_WITH|MEMBER_OF WHERE r.start <= $year AND coalesce(r.`end`, $year) >= $year
             AND (r.role IS NULL OR r.role IN ['member', 'hub'])]-(x)){1,12}
       (b:State|NonStateActor {code: $destination})
   WHERE all(i IN range(0, size(r) - 2)
             WHERE coalesce(x[i].structure, 'multilateral') <> 'hub'
                OR r[i].role <> r[i + 1].role))
RETURN p, [n IN nodes(p) | n.name] AS route,
       size([rel IN relationships(p) WHERE rel.role IS NULL]) +
       size([rel IN relationships(p) WHERE rel.role IS NOT NULL]) / 2 AS ties
LIMIT 25
