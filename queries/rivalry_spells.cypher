// Rivalry spells (negative ties) from the given sources that touch a range of years.
// :param first => 1816
// :param last => 2025
// :param sources => ['tss-rivalries', 'curated']
MATCH (a)-[r:RIVAL_OF]->(b)
WHERE r.source IN $sources AND r.start <= $last AND coalesce(r.`end`, $last) >= $first
RETURN a.code AS a, b.code AS b, r.start AS start, r.`end` AS `end`,
       r.observed_until AS observed_until
