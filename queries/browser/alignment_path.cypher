// Shortest alignment path between two actors in a year: the fewest steps through ties in
// force in $year, where a step is an ATOP alliance spell (ALLIED_WITH) or a membership
// ('member'/'hub') of a treaty or partnership. Shows the route as a graph; `route` lists the
// names, `ties` counts the actor-to-actor links (a membership link passes through the group
// node, so it is two hops). In a hub-structured group (MNNA, Abraham Accords, Iran's axis…)
// a route may only pass between a hub and a member: routes passing member to member (or hub
// to hub) are dropped after the search — filtering inside it (ALL SHORTEST with a path
// predicate) enumerated paths and ran for over ten minutes on the full graph; this search
// (a bidirectional breadth-first search, the year filter applied per step) takes well under
// a second. So every route shown is a shortest one and obeys the hub rule.
// No row: not connected within 12 hops in that year, or every shortest route breaks the hub rule.
// neo4j-only: allShortestPaths is Neo4j's; ladybug writes shortest paths differently (-[* ALL SHORTEST 1..12]-)
// :param origin => 'AUL'
// :param destination => 'AZE'
// :param year => 2024
MATCH p = allShortestPaths((a:State|NonStateActor {code: $origin})-[steps:ALLIED_WITH|MEMBER_OF*1..12]-
                           (b:State|NonStateActor {code: $destination}))
WHERE all(r IN steps WHERE r.start <= $year AND coalesce(r.`end`, $year) >= $year
                       AND (r.role IS NULL OR r.role IN ['member', 'hub']))
WITH p, relationships(p) AS r, nodes(p) AS x
WHERE all(i IN range(0, size(r) - 2)
          WHERE coalesce(x[i + 1].structure, 'multilateral') <> 'hub' OR r[i].role <> r[i + 1].role)
RETURN p, [n IN x | n.name] AS route,
       size([rel IN r WHERE rel.role IS NULL]) + size([rel IN r WHERE rel.role IS NOT NULL]) / 2 AS ties
LIMIT 25
