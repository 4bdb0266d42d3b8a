// NATO's membership count in each year from $first to $last, with the states that joined
// in that year (their first year in any NATO membership record: ATOP to 2018, the curated
// continuation after). A year counts everyone who was a member at any time in it, so 1990
// counts both West Germany and unified Germany.
// :param first => 1949
// :param last => 2025
MATCH (a:State)-[m0:MEMBER_OF]->(t:Treaty)
WHERE (t.id = 'NATO' OR t.alias = 'NATO') AND m0.role IN ['member', 'hub']
WITH a, t, min(m0.start) AS since
UNWIND range($first, $last) AS year
MATCH (a)-[m:MEMBER_OF]->(t)
WHERE m.role IN ['member', 'hub'] AND m.start <= year
  AND coalesce(m.`end`, CASE WHEN t.reviewed_until > m.observed_until
                             THEN m.observed_until ELSE year END) >= year
WITH DISTINCT year, a, since
RETURN year, count(a) AS members, collect(CASE WHEN since = year THEN a.name END) AS joined
ORDER BY year
