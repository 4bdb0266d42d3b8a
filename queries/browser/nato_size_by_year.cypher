// NATO's membership count in each year from $first to $last, with the states that joined
// in that year. A year counts everyone who was a member at any time in it, so 1990 counts
// both West Germany and unified Germany.
// :param first => 1949
// :param last => 2025
UNWIND range($first, $last) AS year
MATCH (a:State)-[m:MEMBER_OF]->(:Treaty {id: 'NATO'})
WHERE m.role IN ['member', 'hub'] AND m.start <= year AND coalesce(m.`end`, year) >= year
RETURN year, count(a) AS members, collect(CASE WHEN m.start = year THEN a.name END) AS joined
ORDER BY year
